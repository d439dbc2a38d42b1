package io.reportingsuite.ingest.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.ingest.support.Samples;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * SPEC §2.8: stored payloads are AES-GCM ciphertext under a named key. Read over plain JDBC, the table holds
 * no CPR and no plaintext; a rotated-out key still opens its rows, and start-up re-encryption moves old-key
 * and pre-V3 plaintext rows under the current key.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class PayloadAtRestTest {

    /** Person_CPR-nr of record 2101 in samples/eindkomst/ky-valid.txt. */
    private static final String CPR = "0102311234";

    @Inject
    DataSource dataSource;
    @Inject
    ForsendelseRepository repository;
    @Inject
    PayloadCipher cipher;
    @Inject
    PayloadReencryption reencryption;

    record Raw(byte[] payload, String keyId) {
    }

    @Test
    void theTableHoldsNoCprAndNoPlaintextAndTheServiceReadsItBack() throws Exception {
        String id = Samples.newId('A');
        byte[] file = Samples.withId("ky-valid.txt", id);
        assertThat(latin1(file)).contains(CPR);
        given().auth().preemptive().basic("ky", "ky-secret").contentType("text/plain; charset=ISO-8859-1")
                .header("HovedIndberetningID", id).body(file).post("/api/v1/indberetninger").then().statusCode(202);

        Raw raw = raw(id, sha256(file));
        assertThat(raw.keyId()).isEqualTo("test-2");
        assertThat(latin1(raw.payload())).doesNotContain(CPR).doesNotContain(id).doesNotContain("29800014");
        assertThat(raw.payload()).hasSize(file.length + 12 + 16);
        assertThat(repository.payload(id, sha256(file))).hasValue(file);
    }

    @Test
    void aRotatedKeyStillOpensItsRowsAndStartUpReencryptsThemUnderTheCurrentKey() throws Exception {
        String old = Samples.newId('A');
        byte[] oldFile = Samples.withId("ky-valid.txt", old);
        insert(old, oldFile, cipher.seal("test-1", oldFile, old, sha256(oldFile)));
        String plain = Samples.newId('A');
        byte[] plainFile = Samples.withId("ky-valid.txt", plain);
        insert(plain, plainFile, new PayloadCipher.Sealed(PayloadCipher.PLAINTEXT, plainFile));

        assertThat(raw(old, sha256(oldFile)).keyId()).isEqualTo("test-1");
        assertThat(repository.payload(old, sha256(oldFile))).hasValue(oldFile);
        assertThat(repository.payload(plain, sha256(plainFile))).hasValue(plainFile);

        assertThat(reencryption.run()).isGreaterThanOrEqualTo(2);
        for (String id : new String[] {old, plain}) {
            byte[] file = id.equals(old) ? oldFile : plainFile;
            Raw raw = raw(id, sha256(file));
            assertThat(raw.keyId()).isEqualTo("test-2");
            assertThat(latin1(raw.payload())).doesNotContain(CPR);
            assertThat(repository.payload(id, sha256(file))).hasValue(file);
        }
        assertThat(reencryption.run()).isZero();
    }

    @Test
    void aCiphertextIsBoundToItsRow() {
        byte[] file = Samples.withId("ky-valid.txt", Samples.newId('A'));
        PayloadCipher.Sealed sealed = cipher.seal(file, "A000000000000001", sha256(file));
        assertThat(cipher.open(sealed, "A000000000000001", sha256(file))).isEqualTo(file);
        assertThatThrownBy(() -> cipher.open(sealed, "A000000000000002", sha256(file)))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining(CPR);
    }

    private void insert(String id, byte[] file, PayloadCipher.Sealed sealed) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO forsendelse (hoved_indberetning_id, content_sha256, system, channel, se_nummer, size_bytes,
                  record_count, error_count, warning_count, received_at, queued_at, state, payload, payload_key_id)
                VALUES (?, ?, 'KY', 'REST', '29800014', ?, 12, 0, 0, ?, ?, 'QUEUED', ?, ?)""")) {
            insert.setString(1, id);
            insert.setString(2, sha256(file));
            insert.setLong(3, file.length);
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.setTimestamp(5, Timestamp.from(Instant.now()));
            insert.setBytes(6, sealed.bytes());
            insert.setString(7, sealed.keyId());
            insert.executeUpdate();
        }
    }

    private Raw raw(String id, String sha) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "SELECT payload, payload_key_id FROM forsendelse WHERE hoved_indberetning_id = ? AND content_sha256 = ?")) {
            query.setString(1, id);
            query.setString(2, sha);
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).as("row of %s", id).isTrue();
                return new Raw(rs.getBytes(1), rs.getString(2));
            }
        }
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
