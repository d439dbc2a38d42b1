package io.reportingsuite.contracts.eindkomst;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A valid KY or KSD file of any number of lines, produced on demand as an {@link InputStream}: 1000, 2001,
 * 5000, then person blocks (6000, 6001 gross, 6001 A-skat, 6002 ATP rate, 6001 ATP) and 9999. Nothing is
 * held but one record template per type, so a gigabyte costs no memory (benchmarks, large-file tests).
 * The CPR numbers are fictitious: born before 1930 and cycled from a small set.
 */
public final class EIndkomstGenerator extends InputStream {

    /** Smallest file: 1000, 2001, 5000, one 6000 and 9999. */
    public static final int MIN_RECORDS = 5;

    private static final int CPR_COUNT = 1000;
    private static final int CPR_OFFSET = RecordLayouts.R6000.field(4).offset();

    private final long total;
    private final byte[][] opening;
    private final byte[][] block;
    private final byte[] trailer;
    private final byte[][] cprs = new byte[CPR_COUNT][];
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long nextLine = 1;

    /**
     * @param records number of lines including 1000 and 9999, at least {@link #MIN_RECORDS}
     */
    public EIndkomstGenerator(CaseSystem system, String hovedIndberetningId, long records) {
        if (records < MIN_RECORDS || records > 9_999_999) {
            throw new IllegalArgumentException("records must be between 5 and 9999999 (Lb_nr has 7 digits)");
        }
        this.total = records;
        LocalDate month = LocalDate.of(2025, 1, 1);
        opening = new byte[][] {
            EIndkomstFileBuilder.header(system, hovedIndberetningId, "13748136", "13748136",
                    LocalDateTime.of(2025, 2, 3, 4, 5, 6)).toBytes(),
            RecordBuilder.of(RecordLayouts.R2001).set(4, "13748136").set(6, "DKK").toBytes(),
            EIndkomstFileBuilder.group5000(system, "G000000000000001", month, month.plusMonths(1).minusDays(1),
                    month.plusMonths(1)).toBytes()};
        block = new byte[][] {
            EIndkomstFileBuilder.person6000("0101200000").toBytes(),
            EIndkomstFileBuilder.amount6001("0014", 1_234_567).toBytes(),
            EIndkomstFileBuilder.amount6001("0015", 456_789).toBytes(),
            RecordBuilder.of(RecordLayouts.R6002).set(3, "0045").set(4, "A").toBytes(),
            EIndkomstFileBuilder.amount6001("0046", 9_900).toBytes()};
        trailer = RecordBuilder.of(RecordLayouts.R9999).set(3, records).toBytes();
        for (int i = 0; i < CPR_COUNT; i++) {
            // day 01-28, month 01-12, year 1900-1929, serial starting 0-3 (1900s): always a valid date.
            String cpr = String.format("%02d%02d%02d%04d", 1 + i % 28, 1 + i % 12, i % 30, i % 4000);
            cprs[i] = cpr.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public int read() {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position == limit && !fill()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    /** Lays out as many whole records as fit into the buffer. */
    private boolean fill() {
        position = 0;
        limit = 0;
        while (nextLine <= total && limit + RecordView.KEPT <= buffer.length) {
            byte[] record = next();
            System.arraycopy(record, 0, buffer, limit, record.length);
            writeLbNr(limit, nextLine);
            if (record == block[0]) {
                int person = (int) ((nextLine - opening.length - 1) / block.length % CPR_COUNT);
                System.arraycopy(cprs[person], 0, buffer, limit + CPR_OFFSET, 10);
            }
            limit += record.length;
            buffer[limit++] = '\r';
            buffer[limit++] = '\n';
            nextLine++;
        }
        return limit > 0;
    }

    private byte[] next() {
        if (nextLine == total) {
            return trailer;
        }
        if (nextLine <= opening.length) {
            return opening[(int) nextLine - 1];
        }
        return block[(int) ((nextLine - opening.length - 1) % block.length)];
    }

    private void writeLbNr(int at, long value) {
        long v = value;
        for (int i = at + 6; i >= at; i--) {
            buffer[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }
}
