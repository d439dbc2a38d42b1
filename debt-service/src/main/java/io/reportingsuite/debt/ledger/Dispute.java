package io.reportingsuite.debt.ledger;

/** An amount the employer disputes (XSD {@code Dispute}); it is taken off the debt. */
public record Dispute(String disputeType, long amountCents) {
}
