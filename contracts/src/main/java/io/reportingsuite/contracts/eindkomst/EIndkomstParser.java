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
     * Parses the whole stream.
     *
     * @return the number of lines handed to {@code handler}
     */
    public static long parse(InputStream in, Consumer<RecordView> handler) throws IOException {
        byte[] chunk = new byte[READ_BUFFER];
        RecordView view = new RecordView();
        byte[] line = view.bytes;
        long lines = 0;
        int len = 0;
        boolean pendingCr = false;
        boolean open = false;
        int n;
        while ((n = in.read(chunk)) != -1) {
            int i = 0;
            if (n > 0 && pendingCr) {
                pendingCr = false;
                boolean crlf = chunk[0] == '\n';
                view.complete(++lines, len, crlf ? LineBreak.CRLF : LineBreak.CR);
                handler.accept(view);
                len = 0;
                open = false;
                i = crlf ? 1 : 0;
            }
            while (i < n) {
                // Copy the run of ordinary bytes in one go; the separators are rare.
                int start = i;
                i = Swar.nextSeparator(chunk, i, n);
                int run = i - start;
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
                        view.complete(++lines, len, LineBreak.CRLF);
                    } else {
                        view.complete(++lines, len, LineBreak.CR);
                    }
                } else {
                    view.complete(++lines, len, LineBreak.LF);
                }
                handler.accept(view);
                len = 0;
                open = false;
            }
        }
        if (pendingCr) {
            view.complete(++lines, len, LineBreak.CR);
            handler.accept(view);
        } else if (open) {
            view.complete(++lines, len, LineBreak.EOF);
            handler.accept(view);
        }
        return lines;
    }
}
