package io.reportingsuite.contracts.eindkomst.json;

import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.EIndkomstFileBuilder;
import io.reportingsuite.contracts.eindkomst.RecordBuilder;
import io.reportingsuite.contracts.eindkomst.RecordLayouts;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Small files for the JSON tests, made with the contracts writer. */
final class ForsendelseJsonFixtures {

    private ForsendelseJsonFixtures() {
    }

    /** A valid KY file with every record type the model holds. */
    static byte[] kyFile() {
        LocalDate jan = LocalDate.of(2025, 1, 1);
        return EIndkomstFileBuilder.create(CaseSystem.KY, "A2025KY000000042", "29800014", "29800014",
                        LocalDateTime.of(2025, 2, 1, 8, 30))
                .employer("31500028")
                .employment("0102311234", jan)
                .record(RecordBuilder.of(RecordLayouts.R8001).set(3, "19310201").set(4, "1").set(5, "DK")
                        .set(6, "Jensen, Ib").set(7, "Gade 1").set(8, "8000").set(9, "Århus C"))
                .group("KY20250100000042", jan, jan.plusDays(30), jan.plusDays(33))
                .person("0102311234")
                .amount("0014", 1_050_000)
                .amount("0015", -3_950)
                .code("0045", "A")
                .record(RecordBuilder.of(RecordLayouts.R6003).set(3, "0100").set(4, "X"))
                .record(RecordBuilder.of(RecordLayouts.R6004).set(3, "0101").set(4, "Fri tekst, 'citat'"))
                .record(RecordBuilder.of(RecordLayouts.R6005).set(3, "0200").set(4, "160").set(5, "50").set(6, "+"))
                .record(RecordBuilder.of(RecordLayouts.R4101).set(3, "KY20241200000001").set(7, "0102311234"))
                .build();
    }
}
