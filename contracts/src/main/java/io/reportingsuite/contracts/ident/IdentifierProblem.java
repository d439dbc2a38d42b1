package io.reportingsuite.contracts.ident;

/**
 * Why an identifier was refused. The sentences never contain the identifier itself: enterprise and
 * registration numbers of sole traders identify persons, so they stay out of messages and logs.
 */
public enum IdentifierProblem {
    EMPTY("is empty"),
    NOT_NUMERIC("contains characters other than digits and separators"),
    WRONG_LENGTH("does not have the required number of digits"),
    WRONG_FIRST_DIGIT("does not start with an allowed digit"),
    OUT_OF_RANGE("is outside the range of issued numbers"),
    CHECK_DIGITS("has check digits that do not match");

    private final String sentence;

    IdentifierProblem(String sentence) {
        this.sentence = sentence;
    }

    /** A sentence naming the identifier kind, e.g. "The enterprise number is empty." */
    public String describe(String identifierKind) {
        return "The " + identifierKind + " " + sentence + ".";
    }
}
