package io.reportingsuite.support.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.reportingsuite.contracts.batch.BatchSignatureVerifier;

class PlatformSigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void generatesOnceAndLoadsTheSamePairAfterwards() throws IOException {
        Path key = dir.resolve("keys/platform-key.pem");
        Path cert = dir.resolve("keys/platform-cert.pem");
        PlatformSigningKey first = PlatformSigningKey.loadOrCreate(key, cert, Clock.systemUTC());
        PlatformSigningKey second = PlatformSigningKey.loadOrCreate(key, cert, Clock.systemUTC());

        assertThat(second.certificate()).isEqualTo(first.certificate());
        assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
        assertThat(Files.readString(cert)).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void signsFilesThatVerifyWithItsCertificate() throws IOException {
        PlatformSigningKey key = PlatformSigningKey.generate(Clock.systemUTC());
        byte[] fi = "<Response/>".getBytes(StandardCharsets.UTF_8);
        byte[] fs = key.signer().sign(new ByteArrayInputStream(fi));

        assertThat(new BatchSignatureVerifier(List.of(key.certificate()))
                .verify(new ByteArrayInputStream(fi), fs, Clock.systemUTC().instant()).isValid()).isTrue();
    }

    @Test
    void refusesHalfAPair() throws IOException {
        Path key = dir.resolve("platform-key.pem");
        Path cert = dir.resolve("platform-cert.pem");
        Files.writeString(cert, PlatformSigningKey.pem(PlatformSigningKey.generate(Clock.systemUTC()).certificate()));

        assertThatThrownBy(() -> PlatformSigningKey.loadOrCreate(key, cert, Clock.systemUTC()))
                .isInstanceOf(IOException.class).hasMessageContaining("provide both or neither");
    }
}
