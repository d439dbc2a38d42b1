package io.reportingsuite.devstack.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reportingsuite.devstack.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * TLS on a service's HTTP listener in the production profile (issue 14): the service runs with its {@code %prod}
 * configuration (profiles {@code prod,test}: the test profile only adds the test databases, broker and registry)
 * and a key and certificate generated for this run in the PEM files a deployment mounts ({@code suite.tls.*}).
 * HTTPS answers on the service's port with TLS 1.2 or 1.3, the plain HTTP port is not opened at all, and a plain
 * HTTP request sent to the HTTPS port gets no HTTP answer. A service's test extends it under a test profile whose
 * {@code getConfigProfile()} is {@link #PROFILE} and whose {@code getConfigOverrides()} is {@link #configOverrides()}.
 */
public abstract class ProductionTlsContract {

    static final String PASSWORD = "changeit";

    /** The profiles a service's test profile returns from {@code getConfigProfile()}: its %prod settings, plus test's. */
    public static final String PROFILE = "prod,test";

    /**
     * What a service's test profile returns from {@code getConfigOverrides()}: generated TLS material where the
     * deployment mounts its Secret ({@code suite.tls.*}) and fixed free ports, so the test knows where to knock.
     */
    public static Map<String, String> configOverrides() {
        Path dir = material();
        return Map.of("suite.tls.certificate", dir.resolve("tls.crt").toAbsolutePath().toString(),
                "suite.tls.key", dir.resolve("tls.key").toAbsolutePath().toString(),
                "suite.tls.client-ca", dir.resolve("ca.crt").toAbsolutePath().toString(),
                "quarkus.http.test-port", port("tls-test.http-port"),
                "quarkus.http.test-ssl-port", port("tls-test.https-port"));
    }

    /** A free port, the same for every class loader of this JVM (the profile and the test may not share statics). */
    private static synchronized String port(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = Integer.toString(FreePorts.next());
            System.setProperty(key, value);
        }
        return value;
    }

    /** The key, certificate (also the client CA file: it is self-signed) and trust store, made once per JVM. */
    static synchronized Path material() {
        Path dir = Path.of("target", "prod-tls");
        if (Files.exists(dir.resolve("ca.crt"))) {
            return dir;
        }
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve("server.p12"));
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", "server.p12",
                    "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IOException("keytool failed: " + out);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
                store.load(in, PASSWORD.toCharArray());
            }
            Key key = store.getKey("server", PASSWORD.toCharArray());
            Certificate certificate = store.getCertificate("server");
            Files.writeString(dir.resolve("tls.key"), pem("PRIVATE KEY", key.getEncoded()));
            Files.writeString(dir.resolve("tls.crt"), pem("CERTIFICATE", certificate.getEncoded()));
            Files.writeString(dir.resolve("ca.crt"), pem("CERTIFICATE", certificate.getEncoded()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("TLS test material could not be made", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static SSLContext trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(material().resolve("tls.crt"))) {
            trust.setCertificateEntry("server", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static int httpsPort() {
        return Integer.parseInt(port("tls-test.https-port"));
    }

    @Test
    void httpsAnswersWithTheMountedCertificate() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting()).build();
        HttpResponse<String> live = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort()
                + "/q/health/live")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, live.statusCode());
        assertTrue(live.body().contains("UP"), live.body());
        try (SSLSocket socket = (SSLSocket) trusting().getSocketFactory().createSocket("127.0.0.1", httpsPort())) {
            socket.startHandshake();
            String protocol = socket.getSession().getProtocol();
            assertTrue(List.of("TLSv1.3", "TLSv1.2").contains(protocol), protocol);
        }
    }

    @Test
    void plainHttpIsNotServed() throws Exception {
        int httpPort = Integer.parseInt(port("tls-test.http-port"));
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", httpPort), 5000);
            }
        }, "the plain HTTP port " + httpPort + " is closed");
        // Plain HTTP spoken to the HTTPS port: no HTTP answer (the TLS layer refuses or closes).
        List<String> lines = new ArrayList<>();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", httpsPort()), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /q/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] answer = socket.getInputStream().readNBytes(64);
            lines.add(new String(answer, StandardCharsets.ISO_8859_1));
        } catch (IOException closed) {
            lines.add("");
        }
        assertTrue(!lines.get(0).startsWith("HTTP/"), "plain HTTP answered on the HTTPS port: " + lines.get(0));
        assertTrue(lines.get(0).isEmpty() || !lines.get(0).contains("UP"), lines.get(0));
    }
}
