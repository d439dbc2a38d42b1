package io.reportingsuite.contracts.batch;

import io.reportingsuite.contracts.finding.Finding;
import java.util.List;
import java.util.Objects;

/**
 * Either a parsed value or the findings that explain why the input was refused. A value, not an
 * exception, because a file channel must answer every bad name (negative ACRF) instead of failing.
 */
public sealed interface ParseResult<T> {

    record Ok<T>(T value) implements ParseResult<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Failed<T>(List<Finding> findings) implements ParseResult<T> {
        public Failed {
            findings = List.copyOf(findings);
            if (findings.isEmpty()) {
                throw new IllegalArgumentException("a failed parse needs at least one finding");
            }
        }
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The findings; empty when the parse succeeded. */
    default List<Finding> findings() {
        return this instanceof Failed<T> failed ? failed.findings() : List.of();
    }

    /** The value, or an {@link IllegalArgumentException} listing the findings' sentences. */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalArgumentException(String.join(" ",
                findings().stream().map(Finding::format).toList()));
    }
}
