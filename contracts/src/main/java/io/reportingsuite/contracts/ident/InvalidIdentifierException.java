package io.reportingsuite.contracts.ident;

import java.util.Objects;

/** Thrown by the {@code parse} methods; the message names the problem, never the rejected input. */
public final class InvalidIdentifierException extends IllegalArgumentException {

    private final IdentifierProblem problem;

    InvalidIdentifierException(String identifierKind, IdentifierProblem problem) {
        super(problem.describe(identifierKind));
        this.problem = Objects.requireNonNull(problem);
    }

    public IdentifierProblem problem() {
        return problem;
    }
}
