package io.reportingsuite.simulator.engine;

import io.reportingsuite.contracts.eindkomst.EIndkomstParser;
import io.reportingsuite.contracts.eindkomst.FieldSpec;
import io.reportingsuite.contracts.eindkomst.RecordLayouts;
import io.reportingsuite.contracts.eindkomst.RecordView;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What SKAT reads out of a forsendelse to answer it, in one streaming pass: the 1000 header, every 5000
 * group with its 6001 totals per feltnr, and every 2101 employment. Lines whose layout is unreadable are
 * skipped here; the validator reports them.
 */
record Forsendelse(Header header, List<Group> groups, List<Employment> employments, long lines) {

    /** Record 1000 fields echoed in SKAT's answers; empty strings when absent. */
    record Header(String hovedIndberetningId, String datoSendt, String klokSendt, String indberetterSe,
                  String edbSystem) {
    }

    /** One 5000 group: lines {@code firstLine..lastLine}, under the pligt-SE of its 2001. */
    static final class Group {
        final String pligtSe;
        final String indberetningsId;
        final String periodeStart;
        final String periodeSlut;
        final long firstLine;
        long lastLine;
        /** feltnr → [lines, signed øre]. */
        final Map<Integer, long[]> sums = new TreeMap<>();

        Group(String pligtSe, String indberetningsId, String periodeStart, String periodeSlut, long firstLine) {
            this.pligtSe = pligtSe;
            this.indberetningsId = indberetningsId;
            this.periodeStart = periodeStart;
            this.periodeSlut = periodeSlut;
            this.firstLine = firstLine;
            this.lastLine = firstLine;
        }

        boolean contains(long line) {
            return line >= firstLine && line <= lastLine;
        }
    }

    /** One 2101: a skattekort request. */
    record Employment(long line, String pligtSe, String cpr, String skattekortType, String ansaettelsesdato,
                      String anvendesFra) {
    }

    /** Context of a line for a 0002 record: the pligt-SE and indberetningsid it sits under. */
    record LineContext(String pligtSe, String indberetningsId) {
    }

    static Forsendelse read(byte[] bytes) {
        try {
            return read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One streaming pass; what is kept grows with the groups and 2101 records, not with the bytes. */
    static Forsendelse read(InputStream in) throws IOException {
        Reader reader = new Reader();
        long lines = EIndkomstParser.parse(in, reader);
        return new Forsendelse(reader.header, reader.groups, reader.employments, lines);
    }

    LineContext context(long line) {
        for (Group g : groups) {
            if (g.contains(line)) {
                return new LineContext(g.pligtSe, g.indberetningsId);
            }
        }
        return new LineContext("", "");
    }

    private static final class Reader implements Consumer<RecordView> {
        Header header = new Header("", "", "", "", "");
        final List<Group> groups = new ArrayList<>();
        final List<Employment> employments = new ArrayList<>();
        String pligtSe = "";
        Group open;

        @Override
        public void accept(RecordView v) {
            int type = v.recordType();
            if (open != null && type >= 6000 && type <= 6005 || open != null && type == 8001) {
                open.lastLine = v.lineNumber();
            } else {
                open = null;
            }
            switch (type) {
                case 1000 -> header = new Header(
                        v.value(RecordLayouts.R1000.field(12)), digits(v, RecordLayouts.R1000.field(3)),
                        digits(v, RecordLayouts.R1000.field(4)),
                        digits(v, RecordLayouts.R1000.field(5)), v.value(RecordLayouts.R1000.field(10)));
                case 2001 -> pligtSe = digits(v, RecordLayouts.R2001.field(4));
                case 2101 -> employments.add(new Employment(v.lineNumber(), pligtSe,
                        v.value(RecordLayouts.R2101.field(3)), v.value(RecordLayouts.R2101.field(9)),
                        v.value(RecordLayouts.R2101.field(6)), v.value(RecordLayouts.R2101.field(10))));
                case 5000 -> {
                    open = new Group(pligtSe, v.value(RecordLayouts.R5000.field(4)),
                            digits(v, RecordLayouts.R5000.field(6)), digits(v, RecordLayouts.R5000.field(7)),
                            v.lineNumber());
                    groups.add(open);
                }
                case 6001 -> {
                    if (open != null) {
                        addAmount(v);
                    }
                }
                default -> {
                    // other records carry nothing SKAT echoes
                }
            }
        }

        private void addAmount(RecordView v) {
            long feltnr = v.number(RecordLayouts.R6001.field(3));
            long heltal = v.number(RecordLayouts.R6001.field(4));
            long decimaler = v.number(RecordLayouts.R6001.field(5));
            if (feltnr < 0 || heltal < 0 || decimaler < 0) {
                return;
            }
            long oere = heltal * 100 + decimaler / 10_000;
            if (v.byteAt(RecordLayouts.R6001.field(6).offset()) == '-') {
                oere = -oere;
            }
            long[] sum = open.sums.computeIfAbsent((int) feltnr, k -> new long[2]);
            sum[0]++;
            sum[1] += oere;
        }

        /** A numeric field when it is all digits, else empty (the answer then leaves it blank). */
        private static String digits(RecordView v, FieldSpec f) {
            return v.isDigits(f) ? v.raw(f) : "";
        }
    }
}
