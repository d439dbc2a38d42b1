package io.reportingsuite.ingest.service;

import io.reportingsuite.contracts.eindkomst.EIndkomstParser;
import io.reportingsuite.contracts.eindkomst.FieldSpec;
import io.reportingsuite.contracts.eindkomst.RecordLayouts;
import io.reportingsuite.contracts.finding.Finding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The authorisation part of SPEC §2.1 rule 11: a case system reports only for the SE numbers registered
 * for it, in record 1000 field 5 and record 2001 field 4. One streaming pass that also counts the lines
 * (the record count when content validation is off).
 */
final class SeNumbers {

    static final String RULE = "S02";

    /** @param firstSender record 1000 field 5 of the first 1000 record, or null */
    record Scan(long lines, String firstSender, List<Finding> unregistered) {
    }

    private SeNumbers() {
    }

    static Scan scan(byte[] payload, Set<String> registered) {
        List<Finding> unregistered = new ArrayList<>();
        String[] sender = new String[1];
        long lines;
        try {
            lines = EIndkomstParser.parse(new ByteArrayInputStream(payload), v -> {
                FieldSpec field = switch (v.recordType()) {
                    case 1000 -> RecordLayouts.R1000.field(5);
                    case 2001 -> RecordLayouts.R2001.field(4);
                    default -> null;
                };
                if (field == null || v.length() < field.offset() + field.length()) {
                    return;
                }
                String se = v.value(field);
                if (v.recordType() == 1000 && sender[0] == null) {
                    sender[0] = se;
                }
                if (!registered.contains(se)) {
                    unregistered.add(Finding.error(RULE, v.lineNumber(), RecordLayouts.byType(v.recordType()).type(),
                            field.number(), field.name(),
                            "The SE number is not registered for the calling case system."));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scan(lines, sender[0], unregistered);
    }
}
