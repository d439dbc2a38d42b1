package io.reportingsuite.ingest.store;

import io.reportingsuite.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the stored payloads (SPEC §2.8, personal data at rest), JDK crypto only. A sealed payload
 * is {@code IV (12 bytes) ‖ ciphertext ‖ tag (16 bytes)}; the associated data binds it to its row
 * ({@code HovedIndberetningID:SHA-256}), so a ciphertext copied to another row does not decrypt. Key
 * material is read once from configuration and never logged or put into an exception text: errors name the
 * key id only.
 */
@ApplicationScoped
public class PayloadCipher {

    /** Key id of rows stored before V3 (plaintext); only ever read, and re-encrypted at start-up. */
    public static final String PLAINTEXT = "plaintext";

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys = new TreeMap<>();
    private final String currentKey;

    public PayloadCipher(IngestConfig config) {
        IngestConfig.PayloadEncryptionConfig c = config.payloadEncryption();
        c.keys().forEach((id, material) -> keys.put(id, key(id, material)));
        if (PLAINTEXT.equals(c.currentKey()) || !keys.containsKey(c.currentKey())) {
            throw new IllegalStateException("ingest.payload-encryption.current-key names no configured key (ids: "
                    + keys.keySet() + ")");
        }
        this.currentKey = c.currentKey();
    }

    /** A payload as stored: the id of the key and the sealed bytes. */
    public record Sealed(String keyId, byte[] bytes) {
    }

    public String currentKey() {
        return currentKey;
    }

    /** Encrypts under the current key. */
    public Sealed seal(byte[] payload, String hovedIndberetningId, String contentSha256) {
        return seal(currentKey, payload, hovedIndberetningId, contentSha256);
    }

    Sealed seal(String keyId, byte[] payload, String hovedIndberetningId, String contentSha256) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(keyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(hovedIndberetningId, contentSha256));
            byte[] sealed = cipher.doFinal(payload);
            return new Sealed(keyId, ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("payload could not be encrypted with key " + keyId, e);
        }
    }

    /** Decrypts a stored payload with the key it names (or returns a pre-V3 plaintext row as it is). */
    public byte[] open(Sealed sealed, String hovedIndberetningId, String contentSha256) {
        if (PLAINTEXT.equals(sealed.keyId())) {
            return sealed.bytes();
        }
        byte[] bytes = sealed.bytes();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(sealed.keyId()), new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(aad(hovedIndberetningId, contentSha256));
            return cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            // No detail from the exception: it is about the data, and names no key material, but stay terse.
            throw new IllegalStateException("stored payload of " + hovedIndberetningId
                    + " could not be decrypted with key " + sealed.keyId());
        }
    }

    private SecretKey key(String keyId) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("no key with id " + keyId + " is configured");
        }
        return key;
    }

    private static SecretKey key(String id, String material) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(material.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("payload key " + id + " is not Base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("payload key " + id + " is not 32 bytes (AES-256)");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static byte[] aad(String hovedIndberetningId, String contentSha256) {
        return (hovedIndberetningId + ":" + contentSha256).getBytes(StandardCharsets.US_ASCII);
    }
}
