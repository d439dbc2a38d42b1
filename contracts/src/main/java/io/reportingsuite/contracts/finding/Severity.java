package io.reportingsuite.contracts.finding;

/** How serious a {@link Finding} is: an error rejects the input, a warning only informs. */
public enum Severity {
    ERROR,
    WARNING
}
