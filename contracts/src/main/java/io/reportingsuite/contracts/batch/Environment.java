package io.reportingsuite.contracts.batch;

/** Element 6 of a batch file name, and the folders each environment uses (SPEC §5.1). */
public enum Environment {
    /** Real (production): folders IN and OUT; FS signatures are required. */
    R("IN", "OUT"),
    /** Test (simulation): folders INTEST and OUTTEST; FS signatures are not required. */
    T("INTEST", "OUTTEST");

    private final String inFolder;
    private final String outFolder;

    Environment(String inFolder, String outFolder) {
        this.inFolder = inFolder;
        this.outFolder = outFolder;
    }

    public String inFolder() {
        return inFolder;
    }

    public String outFolder() {
        return outFolder;
    }

    public boolean requiresSignature() {
        return this == R;
    }
}
