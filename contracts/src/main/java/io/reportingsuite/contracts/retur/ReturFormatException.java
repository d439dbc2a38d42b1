package io.reportingsuite.contracts.retur;

/** A return file that does not follow its layout; the message names line and field, never a value. */
public final class ReturFormatException extends RuntimeException {

    private final long line;

    public ReturFormatException(long line, String message) {
        super(line > 0 ? "line " + line + ": " + message : message);
        this.line = line;
    }

    /** 1-based line, 0 when the problem is the file as a whole. */
    public long line() {
        return line;
    }
}
