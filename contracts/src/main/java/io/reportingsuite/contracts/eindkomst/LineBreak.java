package io.reportingsuite.contracts.eindkomst;

/** How a line ended in the input (SPEC §3.1: CR/LF is the only proper separator). */
public enum LineBreak {
    CRLF,
    /** A bare line feed. */
    LF,
    /** A bare carriage return. */
    CR,
    /** End of input without a separator: allowed for the last line only. */
    EOF
}
