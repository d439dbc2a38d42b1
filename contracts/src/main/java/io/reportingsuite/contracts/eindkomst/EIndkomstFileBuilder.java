package io.reportingsuite.contracts.eindkomst;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a complete KY or KSD forsendelse in the shape KOMBIT sends (SPEC §2.1): 1000 with the system's
 * Edb-system and HovedIndberetningID, then the records added in order, then 9999 with the right count.
 * For small files (samples, tests, the simulator); large files come from {@link EIndkomstGenerator}.
 */
public final class EIndkomstFileBuilder {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

    private final CaseSystem system;
    private final RecordBuilder header;
    private final List<RecordBuilder> records = new ArrayList<>();

    private EIndkomstFileBuilder(CaseSystem system, RecordBuilder header) {
        this.system = system;
        this.header = header;
    }

    /**
     * Starts a file.
     *
     * @param hovedIndberetningId the system prefix followed by 15 letters or digits
     * @param indberetterSe       the case system's KOMBIT SE number (record 1000 field 5)
     * @param indberetterCvr      KOMBIT's CVR number (field 6)
     * @param sent                Dato_sendt and Klok_sendt
     */
    public static EIndkomstFileBuilder create(CaseSystem system, String hovedIndberetningId, String indberetterSe,
                                              String indberetterCvr, LocalDateTime sent) {
        return new EIndkomstFileBuilder(system, header(system, hovedIndberetningId, indberetterSe, indberetterCvr,
                sent));
    }

    static RecordBuilder header(CaseSystem system, String hovedIndberetningId, String indberetterSe,
                                String indberetterCvr, LocalDateTime sent) {
        return RecordBuilder.of(RecordLayouts.R1000)
                .set(3, sent.format(DATE))
                .set(4, sent.format(TIME))
                .set(5, indberetterSe)
                .set(6, indberetterCvr)
                .set(7, "02")
                .set(9, "0")
                .set(10, system.edbSystem())
                .set(11, "1.0")
                .set(12, hovedIndberetningId)
                .set(13, "2.0")
                .set(14, "P")
                .set(16, "E");
    }

    /** 2001: the kommune's SE number for this system; Virk_ophør_hos_LSB stays blank (rule K02). */
    public EIndkomstFileBuilder employer(String se) {
        return record(RecordBuilder.of(RecordLayouts.R2001).set(4, se).set(6, "DKK"));
    }

    /** 2101: an employment from {@code start}, requesting a hovedkort valid from the same day. */
    public EIndkomstFileBuilder employment(String cpr, LocalDate start) {
        return record(RecordBuilder.of(RecordLayouts.R2101)
                .set(3, cpr)
                .set(6, start.format(DATE))
                .set(9, "1")
                .set(10, start.format(DATE)));
    }

    /** 5000: a person group for a period, paid in arrears, with the system's indkomsttype. */
    public EIndkomstFileBuilder group(String indberetningsId, LocalDate start, LocalDate end, LocalDate paid) {
        return record(group5000(system, indberetningsId, start, end, paid));
    }

    static RecordBuilder group5000(CaseSystem system, String indberetningsId, LocalDate start, LocalDate end,
                                   LocalDate paid) {
        return RecordBuilder.of(RecordLayouts.R5000)
                .set(4, indberetningsId)
                .set(6, start.format(DATE))
                .set(7, end.format(DATE))
                .set(8, paid.format(DATE))
                .set(10, "B")
                .set(12, system.indkomsttype());
    }

    /** 6000: starts the lines of one person; the numeric filler is zeros (SPEC §3.6). */
    public EIndkomstFileBuilder person(String cpr) {
        return record(person6000(cpr));
    }

    static RecordBuilder person6000(String cpr) {
        return RecordBuilder.of(RecordLayouts.R6000).set(3, "00000000").set(4, cpr);
    }

    /** 6001: an amount in øre; the sign goes to Fortegn. */
    public EIndkomstFileBuilder amount(String feltnr, long oere) {
        return record(amount6001(feltnr, oere));
    }

    /**
     * Two decimals placed left in the six-digit decimal field, as the S19 implementation does (SPEC §3.7,
     * assumption: amounts carry øre only).
     */
    static RecordBuilder amount6001(String feltnr, long oere) {
        long abs = Math.abs(oere);
        return RecordBuilder.of(RecordLayouts.R6001)
                .set(3, feltnr)
                .set(4, abs / 100)
                .set(5, String.format("%02d0000", abs % 100))
                .set(6, oere < 0 ? "-" : "+");
    }

    /** 6002: a code such as the ATP rate (feltnr 0045). */
    public EIndkomstFileBuilder code(String feltnr, String code) {
        return record(RecordBuilder.of(RecordLayouts.R6002).set(3, feltnr).set(4, code));
    }

    /** Any other record, as built; its Lb_nr is set on writing. */
    public EIndkomstFileBuilder record(RecordBuilder record) {
        records.add(record);
        return this;
    }

    public void writeTo(OutputStream out) throws IOException {
        EIndkomstWriter writer = new EIndkomstWriter(out);
        writer.write(header);
        for (RecordBuilder r : records) {
            writer.write(r);
        }
        writer.finish();
    }

    public byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
