package io.reportingsuite.contracts.eindkomst;

import io.reportingsuite.contracts.finding.Finding;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Small valid files and surgical edits on them, for the validator tests. All people are fictitious. */
final class TestFiles {

    static final String KY_ID_16 = "A202500000000001";
    static final String KSD_ID_16 = "B202500000000001";
    static final String SE_KY = "29800014";
    static final String SE_KOMMUNE = "31500028";
    static final String CVR_KOMBIT = "29800030";
    /** Fictitious: born 1 February 1931 (serial starting 0-3 means the 1900s). */
    static final String CPR_1 = "0102311234";
    /** Constructed CPR (day + 60) as eIndkomst recommends. */
    static final String CPR_CONSTRUCTED = "6105012222";

    private TestFiles() {
    }

    /** 1000, 2001, 2101, 5000, 6000, 6001 ×2, 6002, 6001, 9999: ten lines. */
    static EIndkomstFileBuilder ky() {
        return builder(CaseSystem.KY, KY_ID_16);
    }

    static EIndkomstFileBuilder builder(CaseSystem system, String id) {
        LocalDate jan = LocalDate.of(2025, 1, 1);
        return EIndkomstFileBuilder.create(system, id, SE_KY, CVR_KOMBIT, LocalDateTime.of(2025, 2, 1, 8, 30, 0))
                .employer(SE_KOMMUNE)
                .employment(CPR_1, jan)
                .group("G202501000000001", jan, LocalDate.of(2025, 1, 31), LocalDate.of(2025, 2, 3))
                .person(CPR_1)
                .amount("0014", 1_050_000)
                .amount("0015", 390_000)
                .code("0045", "A")
                .amount("0046", 9_900);
    }

    static byte[] validKy() {
        return ky().build();
    }

    static List<String> lines(byte[] file) {
        return new ArrayList<>(Arrays.asList(new String(file, StandardCharsets.ISO_8859_1).split("\r\n")));
    }

    /** Lines each followed by CR/LF. */
    static byte[] join(List<String> lines) {
        return lines.stream().map(l -> l + "\r\n").collect(Collectors.joining())
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Overwrites field {@code field} of line {@code line} (1-based) with {@code raw}, padded with blanks. */
    static byte[] withField(byte[] file, int line, int field, String raw) {
        List<String> lines = lines(file);
        String text = lines.get(line - 1);
        RecordSpec spec = RecordLayouts.byType(text.substring(7, 11));
        FieldSpec f = spec.field(field);
        StringBuilder sb = new StringBuilder(text);
        while (sb.length() < spec.length()) {
            sb.append(' ');
        }
        String padded = (raw + " ".repeat(f.length())).substring(0, f.length());
        sb.replace(f.offset(), f.offset() + f.length(), padded);
        lines.set(line - 1, sb.toString());
        return join(lines);
    }

    static ValidationResult validate(byte[] file) {
        return EIndkomstValidator.validate(file, ValidationOptions.defaults());
    }

    static ValidationResult validateKy(byte[] file) {
        return EIndkomstValidator.validate(file, ValidationOptions.defaults().withSystem(CaseSystem.KY));
    }

    static List<String> codes(ValidationResult result) {
        return result.findings().stream().map(Finding::rule).toList();
    }
}
