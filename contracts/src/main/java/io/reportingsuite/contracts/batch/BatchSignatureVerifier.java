package io.reportingsuite.contracts.batch;

import io.reportingsuite.contracts.batch.SignatureVerdict.Reason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Checks FS signature files against their FI content (SPEC §5.3). The signer must be one of the
 * configured certificates (those registered for the senders); chain and revocation checks belong to
 * registration, not to every file. Every outcome, including garbage input, is a {@link SignatureVerdict}.
 */
public final class BatchSignatureVerifier {

    /** An FS holds one signature and usually one certificate: a few kilobytes. */
    static final int MAX_FS_BYTES = 1 << 20;

    private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    private static final Set<String> RSA_SIGNATURE_OIDS = Set.of(RSA_ENCRYPTION,
            "1.2.840.113549.1.1.5", // sha1WithRSAEncryption
            "1.2.840.113549.1.1.11"); // sha256WithRSAEncryption
    private static final Map<String, BatchSignature.Digest> DIGESTS = Map.of(
            BatchSignature.Digest.SHA1.oid(), BatchSignature.Digest.SHA1,
            BatchSignature.Digest.SHA256.oid(), BatchSignature.Digest.SHA256);

    private final List<Trusted> trusted;

    private record Trusted(X509Certificate certificate, X509CertificateHolder holder) {
    }

    public BatchSignatureVerifier(Collection<X509Certificate> trustedSigners) {
        List<Trusted> list = new ArrayList<>();
        for (X509Certificate certificate : trustedSigners) {
            try {
                list.add(new Trusted(certificate, new X509CertificateHolder(certificate.getEncoded())));
            } catch (CertificateEncodingException | IOException e) {
                throw new IllegalArgumentException("A trusted signer certificate cannot be encoded.", e);
            }
        }
        this.trusted = List.copyOf(list);
    }

    public SignatureVerdict verify(Path fi, Path fs, Instant at) {
        byte[] signature;
        try (InputStream in = Files.newInputStream(fs)) {
            signature = in.readNBytes(MAX_FS_BYTES + 1);
        } catch (IOException e) {
            return SignatureVerdict.invalid(Reason.MALFORMED, "The signature file cannot be read.");
        }
        try (InputStream content = Files.newInputStream(fi)) {
            return verify(content, signature, at);
        } catch (IOException e) {
            return unreadable();
        }
    }

    /** Checks {@code fs} (the FS file's bytes) against the FI content streamed from {@code fi}. */
    public SignatureVerdict verify(InputStream fi, byte[] fs, Instant at) {
        Objects.requireNonNull(fi, "fi");
        Objects.requireNonNull(at, "at");
        if (fs == null || fs.length == 0 || fs.length > MAX_FS_BYTES) {
            return SignatureVerdict.invalid(Reason.MALFORMED, "The signature file is empty or larger than "
                    + MAX_FS_BYTES + " bytes.");
        }
        CMSSignedDataParser parser;
        Collection<SignerInformation> signers;
        try {
            parser = new CMSSignedDataParser(new JcaDigestCalculatorProviderBuilder().build(),
                    new CMSTypedStream(new BufferedInputStream(fi)), BatchSignature.decode(fs));
            parser.getSignedContent().drain();
            signers = parser.getSignerInfos().getSigners();
        } catch (IOException e) {
            return unreadable();
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            // Parsing hostile ASN.1 can fail with assorted runtime exceptions; all mean "not a signature".
            return SignatureVerdict.invalid(Reason.MALFORMED,
                    "The signature file is not a Base64-encoded CMS SignedData structure.");
        }
        if (signers.size() != 1) {
            return SignatureVerdict.invalid(Reason.SIGNER_COUNT,
                    "The signature file must hold exactly one signer, it holds " + signers.size() + ".");
        }
        return verifySigner(signers.iterator().next(), at);
    }

    private SignatureVerdict verifySigner(SignerInformation signer, Instant at) {
        if (!DIGESTS.containsKey(signer.getDigestAlgOID())) {
            return SignatureVerdict.invalid(Reason.DIGEST_NOT_ALLOWED,
                    "The signature uses a digest other than SHA-1 or SHA-256.");
        }
        if (!RSA_SIGNATURE_OIDS.contains(signer.getEncryptionAlgOID())) {
            return SignatureVerdict.invalid(Reason.KEY_NOT_ALLOWED, "The signature algorithm is not RSA.");
        }
        Optional<X509Certificate> certificate = trusted.stream()
                .filter(t -> signer.getSID().match(t.holder())).map(Trusted::certificate).findFirst();
        if (certificate.isEmpty()) {
            return SignatureVerdict.invalid(Reason.UNTRUSTED_SIGNER,
                    "The signer is not one of the trusted signer certificates.");
        }
        X509Certificate cert = certificate.get();
        if (!(cert.getPublicKey() instanceof RSAPublicKey rsa)
                || rsa.getModulus().bitLength() < BatchSignature.MIN_RSA_BITS) {
            return SignatureVerdict.invalid(Reason.KEY_NOT_ALLOWED, "The signer's key is not an RSA key of at least "
                    + BatchSignature.MIN_RSA_BITS + " bits.");
        }
        try {
            cert.checkValidity(Date.from(at));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return SignatureVerdict.invalid(Reason.CERTIFICATE_NOT_VALID,
                    "The signer certificate was not valid at the time checked.");
        }
        try {
            if (signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))) {
                return SignatureVerdict.valid();
            }
        } catch (CMSSignerDigestMismatchException e) {
            return mismatch();
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            return SignatureVerdict.invalid(Reason.MALFORMED, "The signer information cannot be verified.");
        }
        return mismatch();
    }

    private static SignatureVerdict mismatch() {
        return SignatureVerdict.invalid(Reason.SIGNATURE_MISMATCH, "The signature does not match the file content.");
    }

    private static SignatureVerdict unreadable() {
        return SignatureVerdict.invalid(Reason.CONTENT_UNREADABLE, "The signed file cannot be read.");
    }
}
