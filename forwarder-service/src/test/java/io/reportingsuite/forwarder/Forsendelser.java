package io.reportingsuite.forwarder;

import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.EIndkomstFileBuilder;
import io.reportingsuite.contracts.messaging.MessageProperties;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Test forsendelser (fictitious people) and the properties ingest-service puts on them. */
final class Forsendelser {

    static final String SE_KY = "29800014";
    static final String SE_KOMMUNE = "31500028";
    static final String CVR_KOMBIT = "29800030";
    static final String CPR = "0102311234";
    static final LocalDate JAN = LocalDate.of(2025, 1, 1);

    private Forsendelser() {
    }

    static String newId() {
        return "A" + String.format("%015d", ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));
    }

    /** A valid KY forsendelse: one employment (→ one skattekort), one group with three amounts. */
    static byte[] valid(String id) {
        return builder(id).build();
    }

    static EIndkomstFileBuilder builder(String id) {
        return EIndkomstFileBuilder.create(CaseSystem.KY, id, SE_KY, CVR_KOMBIT, LocalDateTime.of(2025, 2, 1, 8, 30))
                .employer(SE_KOMMUNE)
                .employment(CPR, JAN)
                .group("G202501000000001", JAN, LocalDate.of(2025, 1, 31), LocalDate.of(2025, 2, 3))
                .person(CPR)
                .amount("0014", 1_050_000)
                .amount("0015", 390_000)
                .code("0045", "A")
                .amount("0046", 9_900);
    }

    static Map<String, Object> properties(String id) {
        return Map.of(MessageProperties.HOVED_INDBERETNING_ID, id,
                MessageProperties.SE_NUMMER, SE_KY,
                MessageProperties.SYSTEM, "KY",
                MessageProperties.CHANNEL, "REST",
                MessageProperties.DUPLICATE_ID, id + "-" + System.nanoTime());
    }
}
