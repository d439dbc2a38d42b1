package io.reportingsuite.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.ingest.support.ForsendelseQueue;
import io.reportingsuite.ingest.support.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * The production identity: a TLS client certificate whose subject is registered for a case system, with
 * HTTP Basic switched off (as in the prod profile). Certificates are made by keytool for this run.
 */
@QuarkusTest
@TestProfile(MutualTlsTest.MutualTls.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class MutualTlsTest {

    static final Path DIR = Path.of("target", "mtls");
    static final String PASSWORD = "changeit";

    public static class MutualTls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            makeCertificates();
            return Map.of("quarkus.tls.key-store.p12.path", DIR.resolve("server.p12").toAbsolutePath().toString(),
                    "quarkus.tls.key-store.p12.password", PASSWORD,
                    "quarkus.tls.trust-store.p12.path", DIR.resolve("server-trust.p12").toAbsolutePath().toString(),
                    "quarkus.tls.trust-store.p12.password", PASSWORD,
                    "quarkus.http.ssl.client-auth", "request",
                    "quarkus.http.test-ssl-port", "0",
                    "ingest.basic-auth-enabled", "false");
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Test
    void aRegisteredCertificateIsItsCaseSystemAndNothingElseGetsIn() throws Exception {
        String id = Samples.newId('A');
        String body = "{\"hovedIndberetningId\":\"" + id + "\",\"indberetning\":\""
                + Base64.getEncoder().encodeToString(Samples.withId("ky-valid.txt", id)) + "\"}";

        assertThat(post(client("ky.p12"), body, null).statusCode()).isEqualTo(202);
        assertThat(ForsendelseQueue.take(id, 2000)).singleElement()
                .satisfies(m -> assertThat(m.properties()).containsEntry("System", "KY"));

        // A certificate the TLS layer trusts but no case system is registered for.
        assertThat(post(client("stranger.p12"), body, null).statusCode()).isEqualTo(401);
        // No certificate, and Basic is off in this (production) mode.
        String basic = "Basic " + Base64.getEncoder().encodeToString("ky:ky-secret".getBytes());
        assertThat(post(client(null), body, basic).statusCode()).isEqualTo(401);
        // KY's certificate cannot read as KSD, nor submit KSD's ids.
        String ksdId = Samples.newId('B');
        String ksdBody = "{\"hovedIndberetningId\":\"" + ksdId + "\",\"indberetning\":\""
                + Base64.getEncoder().encodeToString(Samples.withId("ksd-valid.txt", ksdId)) + "\"}";
        assertThat(post(client("ky.p12"), ksdBody, null).statusCode()).isEqualTo(403);
        assertThat(ForsendelseQueue.take(ksdId, 500)).isEmpty();
    }

    private HttpResponse<String> post(HttpClient client, String json, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(https.toURI().resolve("/api/v1/indberetninger"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(String keyStore) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load("client-trust.p12"));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore == null ? null : load(keyStore), PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyStore == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    private static KeyStore load(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(DIR.resolve(name))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    /** Server key, two client keys (KY's registered subject, an unregistered one), and the trust stores. */
    static synchronized void makeCertificates() {
        if (Files.exists(DIR.resolve("client-trust.p12"))) {
            return;
        }
        try {
            Files.createDirectories(DIR);
            keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", "server.p12");
            keytool("-genkeypair", "-alias", "ky", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=KY,O=KOMBIT,C=DK", "-keystore", "ky.p12");
            keytool("-genkeypair", "-alias", "stranger", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=Stranger,O=Elsewhere,C=DK", "-keystore", "stranger.p12");
            for (String who : List.of("server", "ky", "stranger")) {
                keytool("-exportcert", "-alias", who, "-keystore", who + ".p12", "-file", who + ".crt");
            }
            keytool("-importcert", "-noprompt", "-alias", "server", "-file", "server.crt", "-keystore",
                    "client-trust.p12");
            for (String who : List.of("ky", "stranger")) {
                keytool("-importcert", "-noprompt", "-alias", who, "-file", who + ".crt", "-keystore",
                        "server-trust.p12");
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("test certificates could not be made", e);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        if (List.of(args).contains("-genkeypair")) {
            command.addAll(List.of("-keypass", PASSWORD));
        }
        Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }
}
