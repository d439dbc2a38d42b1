package io.reportingsuite.contracts.eindkomst;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Streams an eIndkomst file (ISO-8859-1 bytes) line by line into a callback, holding only one read buffer
 * and one {@link RecordView}: memory does not grow with the input. Every byte sequence is accepted; what
 * is wrong with it is for the {@link EIndkomstValidator} to say. A line ends at CR/LF, a bare LF or a bare
 * CR (reported through {@link RecordView#lineBreak()}), or at the end of the input.
 */
public final class EIndkomstParser {

    private static final int READ_BUFFER = 64 * 1024;

    private EIndkomstParser() {
    }

    /**
     * A handler that can take a plain line in place, without the copy into the {@link RecordView}: the
     * validator's fast lane. The parser offers it every line that ends with CR/LF, lies whole in the current
     * input and holds no control character, apostrophe or byte &ge; 0x7F; a handler that declines gets the line
     * as a view as usual.
     */
    interface PlainLines {

        /**
         * The line {@code src[start, start + length)}, numbered {@code lineNumber}. {@code src} may be read as
         * whole words up to {@code src.length} (bytes past the line are the following input or stale).
         *
         * @return true when the line was taken; false (having changed nothing) to get it as a view
         */
        boolean plainLine(byte[] src, int start, int length, long lineNumber);

        /**
         * Before the parser scans for the end of the line starting at {@code src[start]}: the handler may
         * predict it (from the record type) and take the line, having checked that the bytes up to there are
         * plain as defined above and that CR/LF follows. {@code src[start, limit)} is input; {@code src} may be
         * read as whole words up to {@code src.length}.
         *
         * @return the length of the line taken (without its CR/LF), or -1, having changed nothing, to leave it
         *         to the parser
         */
        int plainRecord(byte[] src, int start, int limit, long lineNumber);
    }

    /**
     * Parses the whole stream.
     *
     * @return the number of lines handed to {@code handler}
     */
    public static long parse(InputStream in, Consumer<RecordView> handler) throws IOException {
        Lines lines = new Lines(handler);
        byte[] chunk = new byte[READ_BUFFER];
        int n;
        while ((n = in.read(chunk)) != -1) {
            lines.feed(chunk, n);
        }
        return lines.end();
    }

    /**
     * Parses input held in memory, scanning it in place instead of copying it through a read buffer; the
     * same lines as {@link #parse(InputStream, Consumer)} of a stream over {@code input}.
     *
     * @return the number of lines handed to {@code handler}
     */
    public static long parse(byte[] input, Consumer<RecordView> handler) {
        Lines lines = new Lines(handler);
        lines.feed(input, input.length);
        return lines.end();
    }

    /** The line state carried from one chunk of input to the next. */
    private static final class Lines {

        private final Consumer<RecordView> handler;
        /** The handler, when it takes plain lines in place. */
        private final PlainLines plainLines;
        private final RecordView view = new RecordView();
        private final byte[] line = view.bytes;
        private long lines;
        private int len;
        private boolean pendingCr;
        private boolean open;
        /** The line so far holds a byte the validator's character rules must look at (see {@link RecordView#plain}). */
        private boolean special;

        Lines(Consumer<RecordView> handler) {
            this.handler = handler;
            this.plainLines = handler instanceof PlainLines p ? p : null;
        }

        void feed(byte[] chunk, int n) {
            int i = 0;
            if (n > 0 && pendingCr) {
                pendingCr = false;
                boolean crlf = chunk[0] == '\n';
                complete(crlf ? LineBreak.CRLF : LineBreak.CR);
                i = crlf ? 1 : 0;
            }
            while (i < n) {
                if (plainLines != null && !open) {
                    int taken = plainLines.plainRecord(chunk, i, n, lines + 1);
                    if (taken >= 0) {
                        lines++;
                        i += taken + 2;
                        continue;
                    }
                }
                // Copy the run of ordinary bytes in one go; the separators are rare. The same scan notes whether
                // the line holds a control character, an apostrophe or a byte >= 0x7F (CR and LF are control
                // characters, so a plain line's first hit is its separator). A whole plain CR/LF line is first
                // offered in place to a handler that takes such lines (PlainLines), and then not copied at all.
                int start = i;
                i = Swar.nextSpecial(chunk, i, n);
                if (i < n && chunk[i] != '\r' && chunk[i] != '\n') {
                    special = true;
                    i = Swar.nextSeparator(chunk, i + 1, n);
                }
                int run = i - start;
                if (plainLines != null && !open && !special && i + 1 < n && chunk[i] == '\r' && chunk[i + 1] == '\n'
                        && plainLines.plainLine(chunk, start, run, lines + 1)) {
                    // A whole plain CR/LF line, taken in place.
                    lines++;
                    i += 2;
                    continue;
                }
                if (run > 0) {
                    if (len < RecordView.KEPT) {
                        System.arraycopy(chunk, start, line, len, Math.min(run, RecordView.KEPT - len));
                    }
                    len = (int) Math.min((long) len + run, Integer.MAX_VALUE);
                    open = true;
                }
                if (i == n) {
                    break;
                }
                byte sep = chunk[i++];
                if (sep == '\r') {
                    if (i == n) {
                        pendingCr = true;
                        break;
                    }
                    if (chunk[i] == '\n') {
                        i++;
                        complete(LineBreak.CRLF);
                    } else {
                        complete(LineBreak.CR);
                    }
                } else {
                    complete(LineBreak.LF);
                }
            }
        }

        long end() {
            if (pendingCr) {
                pendingCr = false;
                complete(LineBreak.CR);
            } else if (open) {
                complete(LineBreak.EOF);
            }
            return lines;
        }

        private void complete(LineBreak brk) {
            view.complete(++lines, len, brk, !special);
            handler.accept(view);
            len = 0;
            open = false;
            special = false;
        }
    }
}
