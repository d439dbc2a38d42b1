package io.reportingsuite.debt.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.debt.support.Soap;
import io.reportingsuite.devstack.test.DevStackTestResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production identity of a consumer: a TLS client certificate, with client authentication required
 * (no plain HTTP port). A throw-away CA made with BouncyCastle ({@link TestPki}) signs the server's and the
 * consumers' certificates; the server trusts that CA only. The certificate's CN is the consumer name
 * ({@code cert-roles.properties} gives it its role, {@code debt.consumers.<CN>.legal-contexts} its contexts).
 */
@QuarkusTest
@TestProfile(MutualTlsTest.MutualTls.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class MutualTlsTest {

    static final Path DIR = Path.of("target", "debt-mtls");
    static final String COMPANY = "0886544366";
    static final String PATH = "/api/v1/employers/" + COMPANY + "/balance?closingDate=2026-12-02&legalContext=";

    public static class MutualTls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            makeCertificates();
            return Map.of("quarkus.tls.key-store.p12.path", DIR.resolve("server.p12").toAbsolutePath().toString(),
                    "quarkus.tls.key-store.p12.password", TestPki.PASSWORD,
                    "quarkus.tls.trust-store.p12.path", DIR.resolve("server-trust.p12").toAbsolutePath().toString(),
                    "quarkus.tls.trust-store.p12.password", TestPki.PASSWORD,
                    "quarkus.http.ssl.client-auth", "required",
                    "quarkus.http.insecure-requests", "disabled",
                    "quarkus.http.test-ssl-port", "0");
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void ledger() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into employer (company_id, noss_registration_nbr, denomination, import_id)"
                    + " values ('" + COMPANY + "', null, 'mTLS BV', 'mtls-test') on conflict (company_id) do nothing");
            s.execute("insert into employer_quarter select id, '2026Q2', 100000, 0, 0, 0, 0, date '2026-07-31', true"
                    + " from employer where company_id = '" + COMPANY + "' on conflict do nothing");
        }
    }

    @Test
    void aRegisteredCertificateGetsItsLegalContexts() throws Exception {
        HttpClient inspector = client("inspector.p12");
        assertThat(get(inspector, "ART_30BIS").statusCode()).isEqualTo(200);
        assertThat(get(inspector, "PUBLIC_PROCUREMENT").body()).contains("\"resultCode\":\"OK\"");
        HttpResponse<String> soap = soap(inspector, "ART_30BIS");
        assertThat(soap.statusCode()).isEqualTo(200);
        assertThat(soap.body()).contains(">OK<").contains(">NEEN<");
        assertThat(lastAudit()).isEqualTo("inspector ART_30BIS OK");

        HttpClient telemarc = client("telemarc.p12");
        HttpResponse<String> procurement = get(telemarc, "PUBLIC_PROCUREMENT");
        assertThat(procurement.statusCode()).isEqualTo(200);
        assertThat(procurement.body()).contains("\"balanceAnalysisResult\":\"DEBT_BELOW_THRESHOLD\"");
        assertThat(lastAudit()).isEqualTo("telemarc PUBLIC_PROCUREMENT OK");
    }

    @Test
    void aCertificateAllowedOnlyProcurementIsRefused30bis() throws Exception {
        HttpClient telemarc = client("telemarc.p12");
        HttpResponse<String> rest = get(telemarc, "ART_30BIS");
        assertThat(rest.statusCode()).isEqualTo(403);
        assertThat(rest.body()).contains("not authorised for the legal context ART_30BIS");
        assertThat(lastAudit()).isEqualTo("telemarc ART_30BIS NOT_AUTHORIZED");
        HttpResponse<String> soap = soap(telemarc, "ART_30BIS");
        assertThat(soap.statusCode()).isEqualTo(500);
        assertThat(soap.body()).contains("Fault").contains("NOT_AUTHORIZED");
    }

    @Test
    void anUnknownCertificateIsRefused() throws Exception {
        // Signed by a CA the server does not trust, with a registered name: the TLS handshake fails.
        assertThatThrownBy(() -> get(client("rogue-inspector.p12"), "PUBLIC_PROCUREMENT"))
                .isInstanceOf(IOException.class);
        // No certificate at all: client authentication is required.
        assertThatThrownBy(() -> get(client(null), "PUBLIC_PROCUREMENT")).isInstanceOf(IOException.class);
        // Signed by the trusted CA but registered for nothing: no role, no legal context, no audit trail.
        HttpClient stranger = client("stranger.p12");
        assertThat(get(stranger, "PUBLIC_PROCUREMENT").statusCode()).isEqualTo(403);
        assertThat(lastAudit()).isEqualTo("stranger PUBLIC_PROCUREMENT NOT_AUTHORIZED");
        assertThat(send(stranger, HttpRequest.newBuilder(https.toURI().resolve("/api/v1/admin/audit")).GET())
                .statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> get(HttpClient client, String legalContext) throws Exception {
        return send(client, HttpRequest.newBuilder(https.toURI().resolve(PATH + legalContext)).GET());
    }

    private HttpResponse<String> soap(HttpClient client, String legalContext) throws Exception {
        return send(client, HttpRequest.newBuilder(https.toURI().resolve("/soap/EmployerAccountBalance"))
                .header("Content-Type", "text/xml; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(
                        Soap.request(legalContext, Soap.detail("CompanyID", COMPANY, "2026-12-02")))));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String lastAudit() throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select consumer, legal_context, result_code from query_audit"
                        + " where employer = ? order by id desc limit 1")) {
            ps.setString(1, COMPANY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) : "none";
            }
        }
    }

    private static HttpClient client(String keyStore) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load("client-trust.p12"));
        SSLContext tls = SSLContext.getInstance("TLS");
        if (keyStore == null) {
            tls.init(null, trust.getTrustManagers(), null);
        } else {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore), TestPki.PASSWORD.toCharArray());
            tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static KeyStore load(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(DIR.resolve(name))) {
            store.load(in, TestPki.PASSWORD.toCharArray());
        }
        return store;
    }

    /** The suite's test CA, the server, three consumers it signs, and a rogue CA's certificate for "inspector". */
    static synchronized void makeCertificates() {
        try {
            TestPki.Identity ca = TestPki.ca("debt test CA");
            TestPki.Identity rogueCa = TestPki.ca("rogue CA");
            TestPki.write(TestPki.keyStore(TestPki.server(ca)), DIR.resolve("server.p12"));
            TestPki.write(TestPki.trustStore(ca.chain()[0]), DIR.resolve("server-trust.p12"));
            TestPki.write(TestPki.trustStore(ca.chain()[0]), DIR.resolve("client-trust.p12"));
            for (String consumer : new String[] {"telemarc", "inspector", "stranger"}) {
                TestPki.write(TestPki.keyStore(TestPki.client(ca, consumer)), DIR.resolve(consumer + ".p12"));
            }
            TestPki.write(TestPki.keyStore(TestPki.client(rogueCa, "inspector")), DIR.resolve("rogue-inspector.p12"));
        } catch (Exception e) {
            throw new IllegalStateException("test certificates could not be made", e);
        }
    }
}
