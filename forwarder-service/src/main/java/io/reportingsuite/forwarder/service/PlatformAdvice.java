package io.reportingsuite.forwarder.service;

import io.reportingsuite.contracts.eindkomst.EIndkomstParser;
import io.reportingsuite.contracts.eindkomst.FieldSpec;
import io.reportingsuite.contracts.eindkomst.RecordLayouts;
import io.reportingsuite.contracts.eindkomst.RecordView;
import io.reportingsuite.contracts.retur.Fejladvisering;
import io.reportingsuite.contracts.retur.PlatformFejl;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The platform's own fejladvisering when a forsendelse could not be delivered to SKAT (SPEC §4.2): 0001
 * with status {@code *}, one 0002 with the platform error, 9999. Dato_sendt, Klok_sendt and the SE are
 * echoed from record 1000 when it is readable.
 */
public final class PlatformAdvice {

    private PlatformAdvice() {
    }

    /** @throws IllegalArgumentException when the HovedIndberetningID prefix names no case system */
    public static byte[] render(String hovedIndberetningId, PlatformFejl error, byte[] forsendelse) {
        String[] header = {null, null, null};
        try {
            EIndkomstParser.parse(new ByteArrayInputStream(forsendelse), v -> {
                if (v.lineNumber() == 1 && v.recordType() == 1000) {
                    header[0] = digits(v, RecordLayouts.R1000.field(3));
                    header[1] = digits(v, RecordLayouts.R1000.field(4));
                    header[2] = digits(v, RecordLayouts.R1000.field(5));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Fejladvisering.platform(hovedIndberetningId, error, header[0], header[1], header[2]).render();
    }

    private static String digits(RecordView v, FieldSpec field) {
        return v.isDigits(field) ? v.raw(field) : null;
    }
}
