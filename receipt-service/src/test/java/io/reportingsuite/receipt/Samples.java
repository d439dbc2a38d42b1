package io.reportingsuite.receipt;

import io.reportingsuite.contracts.retur.Fejladvisering;
import io.reportingsuite.contracts.retur.Fejlrecord;
import io.reportingsuite.contracts.retur.PlatformFejl;
import io.reportingsuite.contracts.retur.Startrecord;
import io.reportingsuite.contracts.retur.Sumkvittering;
import io.reportingsuite.contracts.retur.Sumrecord;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Return documents as SKAT and the forwarder produce them, built with the contracts' own builders. */
final class Samples {

    private Samples() {
    }

    /** A fresh HovedIndberetningID with the given prefix, so tests never see each other's files. */
    static String id(char prefix) {
        return prefix + "T" + String.format("%014d", ThreadLocalRandom.current().nextLong(100_000_000_000_000L));
    }

    static byte[] sumkvittering(String id, String edbSystem, String pligtSe) {
        return new Sumkvittering(new Startrecord(id, "20250201", "083000", "29800014", edbSystem, 'M'),
                List.of(new Sumrecord(pligtSe, "IND0000000000001", "20250101", "20250131", 13, 2, 1_234_500, '+',
                                edbSystem),
                        new Sumrecord(pligtSe, "IND0000000000001", "20250101", "20250131", 15, 1, 40_000, '-',
                                edbSystem)))
                .render();
    }

    static byte[] skatFejladvisering(String id, String edbSystem, String pligtSe) {
        return new Fejladvisering(new Startrecord(id, "20250201", "083000", "29800022", edbSystem, 'D'),
                List.of(new Fejlrecord(12, 5, "IND0000000000002", pligtSe, 123,
                        "Beløbet må ikke være negativt for denne indkomsttype", "0101011234", "")))
                .render();
    }

    static byte[] platformFejladvisering(String id) {
        return Fejladvisering.platform(id, PlatformFejl.MQ_UNAVAILABLE, "20250201", "083000", "29800014").render();
    }
}
