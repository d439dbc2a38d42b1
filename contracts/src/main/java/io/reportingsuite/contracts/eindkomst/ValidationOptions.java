package io.reportingsuite.contracts.eindkomst;

/**
 * How to validate one file.
 *
 * @param system                      the case system that sent the file, or null to skip the KOMBIT
 *                                    rules (H02, K01–K03)
 * @param expectedHovedIndberetningId the request's HovedIndberetningID (rule E08), or null when unknown
 * @param mode                        strict or advisory (SPEC §3.1: a bare LF/CR is then a warning)
 * @param maxFindings                 how many findings to list before rule X01 stops the list
 */
public record ValidationOptions(CaseSystem system, String expectedHovedIndberetningId, Mode mode,
                                int maxFindings) {

    /** Default cap on listed findings; counting continues past it. */
    public static final int DEFAULT_MAX_FINDINGS = 1000;

    public enum Mode {
        STRICT,
        ADVISORY
    }

    public ValidationOptions {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
        if (maxFindings < 1) {
            throw new IllegalArgumentException("maxFindings must be at least 1");
        }
    }

    /** No case system, no expected id, strict, default cap. */
    public static ValidationOptions defaults() {
        return new ValidationOptions(null, null, Mode.STRICT, DEFAULT_MAX_FINDINGS);
    }

    public ValidationOptions withSystem(CaseSystem newSystem) {
        return new ValidationOptions(newSystem, expectedHovedIndberetningId, mode, maxFindings);
    }

    public ValidationOptions withExpectedHovedIndberetningId(String id) {
        return new ValidationOptions(system, id, mode, maxFindings);
    }

    public ValidationOptions withMode(Mode newMode) {
        return new ValidationOptions(system, expectedHovedIndberetningId, newMode, maxFindings);
    }

    public ValidationOptions withMaxFindings(int max) {
        return new ValidationOptions(system, expectedHovedIndberetningId, mode, max);
    }
}
