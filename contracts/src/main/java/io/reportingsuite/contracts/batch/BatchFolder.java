package io.reportingsuite.contracts.batch;

/** The four folders of a batch-channel account (SPEC §5.1) and what may be found in each. */
public enum BatchFolder {
    IN(Kind.FI, Environment.R),
    INTEST(Kind.FI, Environment.T),
    OUT(Kind.FO, Environment.R),
    OUTTEST(Kind.FO, Environment.T);

    private final Kind dataKind;
    private final Environment environment;

    BatchFolder(Kind dataKind, Environment environment) {
        this.dataKind = dataKind;
        this.environment = environment;
    }

    /** FI in the IN folders, FO in the OUT folders. */
    public Kind dataKind() {
        return dataKind;
    }

    public Environment environment() {
        return environment;
    }
}
