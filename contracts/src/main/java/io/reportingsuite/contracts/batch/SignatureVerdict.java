package io.reportingsuite.contracts.batch;

import io.reportingsuite.contracts.finding.Finding;
import java.util.Objects;
import java.util.Optional;

/** The outcome of checking an FS file: valid, or a reason with its rule code and a sentence. */
public record SignatureVerdict(Reason reason, String message) {

    public enum Reason {
        VALID("S00"),
        /** Not Base64, not a CMS SignedData, too large. */
        MALFORMED("S01"),
        /** Zero or several signers; the batch channel has exactly one. */
        SIGNER_COUNT("S02"),
        /** Digest other than SHA-1 or SHA-256 (MD5 included). */
        DIGEST_NOT_ALLOWED("S03"),
        /** Signer is not one of the configured trusted certificates. */
        UNTRUSTED_SIGNER("S04"),
        /** Not RSA, or RSA below 1024 bits. */
        KEY_NOT_ALLOWED("S05"),
        /** The certificate was not valid at the checked instant. */
        CERTIFICATE_NOT_VALID("S06"),
        /** The signature does not match the FI content. */
        SIGNATURE_MISMATCH("S07"),
        /** The FI content could not be read. */
        CONTENT_UNREADABLE("S08");

        private final String rule;

        Reason(String rule) {
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }
    }

    public SignatureVerdict {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    static SignatureVerdict valid() {
        return new SignatureVerdict(Reason.VALID, "The signature is valid.");
    }

    static SignatureVerdict invalid(Reason reason, String message) {
        return new SignatureVerdict(reason, message);
    }

    public boolean isValid() {
        return reason == Reason.VALID;
    }

    /** The failure as a shared {@link Finding} (e.g. for a negative acknowledgement); empty when valid. */
    public Optional<Finding> finding() {
        return isValid() ? Optional.empty()
                : Optional.of(Finding.error(reason.rule(), 0, null, 0, null, message));
    }
}
