package io.reportingsuite.ingest.service;

import io.reportingsuite.contracts.eindkomst.FieldSpec;
import io.reportingsuite.contracts.eindkomst.RecordLayouts;
import io.reportingsuite.contracts.eindkomst.RecordView;
import io.reportingsuite.contracts.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The authorisation part of SPEC §2.1 rule 11: a case system reports only for the SE numbers registered
 * for it, in record 1000 field 5 and record 2001 field 4. A listener on the validator's (or, with content
 * validation off, the parser's) single pass over the file: the payload is parsed once.
 */
public final class SeNumberCheck implements Consumer<RecordView> {

    static final String RULE = "S02";

    private final Set<String> registered;
    private final List<Finding> unregistered = new ArrayList<>();
    private String firstSender;

    public SeNumberCheck(Set<String> registered) {
        this.registered = registered;
    }

    @Override
    public void accept(RecordView v) {
        FieldSpec field = switch (v.recordType()) {
            case 1000 -> RecordLayouts.R1000.field(5);
            case 2001 -> RecordLayouts.R2001.field(4);
            default -> null;
        };
        if (field == null || v.length() < field.offset() + field.length()) {
            return;
        }
        String se = v.value(field);
        if (v.recordType() == 1000 && firstSender == null) {
            firstSender = se;
        }
        if (!registered.contains(se)) {
            unregistered.add(Finding.error(RULE, v.lineNumber(), RecordLayouts.byType(v.recordType()).type(),
                    field.number(), field.name(), "The SE number is not registered for the calling case system."));
        }
    }

    /** Record 1000 field 5 of the first 1000 record, or null. */
    public String firstSender() {
        return firstSender;
    }

    /** One S02 finding per SE number field not registered for the caller. */
    public List<Finding> unregistered() {
        return List.copyOf(unregistered);
    }
}
