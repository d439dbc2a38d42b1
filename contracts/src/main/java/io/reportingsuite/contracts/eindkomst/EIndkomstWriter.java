package io.reportingsuite.contracts.eindkomst;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes eIndkomst records to a stream: numbers each record's Lb_nr from 1, ends every line with CR/LF and
 * closes the file with a 9999 record whose Antal_records counts all lines including 1000 and 9999
 * (assumption A8). Holds nothing but the count.
 */
public final class EIndkomstWriter {

    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;
    private long written;

    public EIndkomstWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes one eIndkomst record (a builder of a {@link RecordLayouts} spec), setting its Lb_nr. */
    public EIndkomstWriter write(RecordBuilder record) throws IOException {
        if (record.spec().typeFieldNumber() != 2) {
            throw new IllegalArgumentException("Only eIndkomst records carry an Lb_nr.");
        }
        record.set(1, written + 1);
        out.write(record.toBytes());
        out.write(CRLF);
        written++;
        return this;
    }

    /** Writes the 9999 record and flushes; the writer must not be used afterwards. */
    public void finish() throws IOException {
        write(RecordBuilder.of(RecordLayouts.R9999).set(3, written + 1));
        out.flush();
    }

    /** Lines written so far. */
    public long written() {
        return written;
    }
}
