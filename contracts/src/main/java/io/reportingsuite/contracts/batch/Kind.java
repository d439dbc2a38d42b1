package io.reportingsuite.contracts.batch;

/** Element 1 of a batch file name: what the file is and which way it travels (SPEC §5.2). */
public enum Kind {
    /** Data file sent to social security. */
    FI,
    /** Signature of an FI or FO file. */
    FS,
    /** Empty file uploaded last: the transmission is complete. */
    GO,
    /** Data file sent by social security (ACRF, NOTI, ...). */
    FO;

    /** True for the kinds that carry content (FI, FO). */
    public boolean isData() {
        return this == FI || this == FO;
    }
}
