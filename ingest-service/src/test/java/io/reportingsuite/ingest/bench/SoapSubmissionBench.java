package io.reportingsuite.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.EIndkomstGenerator;
import io.reportingsuite.devstack.test.DevStackTestResource;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SOAP submissions of a ~20 KB forsendelse at a fixed arrival rate against the full EP_FS1 path (auth,
 * streaming validation, PostgreSQL commit, durable AMQP hand-off), side by side with the same client against
 * a bare CXF echo endpoint of the same size in the same run. Not part of the normal test run:
 * {@code mvn -B -pl ingest-service -am -Pbench-ingest verify} (see the README for figures). Rate and duration:
 * {@code -Dbench.rate=40 -Dbench.seconds=20}.
 */
@QuarkusTest
@TestProfile(SoapSubmissionBench.BenchProfile.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class SoapSubmissionBench {

    /** The generator reports for SE 13748136; the benchmark registers it as a KY kommune SE. */
    public static class BenchProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("suite.case-systems.KY.kommuner.13748136", "29189846",
                    "quarkus.log.category.\"io.reportingsuite\".level", "WARN");
        }
    }

    private static final int RECORDS = 420;

    @TestHTTPResource("/")
    URL base;

    @Test
    void submissionsAgainstTheBareEchoBaseline() throws Exception {
        int rate = Integer.getInteger("bench.rate", 40);
        int seconds = Integer.getInteger("bench.seconds", 20);
        String root = base.toString().replaceAll("/$", "");
        String auth = "Basic " + Base64.getEncoder().encodeToString("ky:ky-secret".getBytes(StandardCharsets.UTF_8));
        long run = System.currentTimeMillis() % 100_000_000L;
        int size = file("A0000000000000000").length;

        OpenModelLoad load = new OpenModelLoad();
        // Warm-up of both paths (JIT, connection pools), not measured.
        load.run("warm-up", i -> echo(root, auth, i), 200, rate, 5);
        load.run("warm-up", i -> submit(root, auth, "W", run, i), 200, rate, 5);

        OpenModelLoad.Result echo = load.run("bare CXF echo", i -> echo(root, auth, i), 200, rate, seconds);
        OpenModelLoad.Result submit = load.run("SkatIndberetning (full path)", i -> submit(root, auth, "S", run, i),
                200, rate, seconds);

        String report = String.join("\n",
                String.format("SOAP, %d-byte forsendelse (%d records), %d requests/s for %d s, open model", size,
                        RECORDS, rate, seconds),
                "| target                       |  sent |    ok | failed |  ok/s    | p50 ms   | p99 ms   | max ms   |",
                "|---|---|---|---|---|---|---|---|",
                echo.row(), submit.row(),
                String.format("ratio full/echo: p50 %.1fx, p99 %.1fx, throughput %.2f", submit.p50Millis() / echo.p50Millis(),
                        submit.p99Millis() / echo.p99Millis(), submit.throughputPerSecond() / echo.throughputPerSecond()));
        System.out.println(report);
        Path out = Path.of("target", "bench", "soap-submission.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report + "\n");
        assertThat(submit.ok()).isEqualTo(submit.sent());
    }

    private static byte[] file(String id) {
        try (EIndkomstGenerator generator = new EIndkomstGenerator(CaseSystem.KY, id.substring(0, 16), RECORDS)) {
            return generator.readAllBytes();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest submit(String root, String auth, String phase, long run, int i) {
        String id = String.format("A%s%06d%08d", phase, i, run);
        return soap(root + "/soap/SkatIndberetning", auth,
                "<s:SKATIndberetServiceRequest xmlns:s=\"urn:reportingsuite:eindkomst:skatindberetning:1\">"
                        + "<s:HovedIndberetningID>" + id + "</s:HovedIndberetningID><s:Indberetning>"
                        + Base64.getEncoder().encodeToString(file(id)) + "</s:Indberetning></s:SKATIndberetServiceRequest>");
    }

    private static HttpRequest echo(String root, String auth, int i) {
        return soap(root + "/soap/Echo", auth, "<e:echo xmlns:e=\"urn:reportingsuite:bench:echo\"><data>"
                + Base64.getEncoder().encodeToString(file(String.format("A%015d", i))) + "</data></e:echo>");
    }

    private static HttpRequest soap(String url, String auth, String body) {
        return HttpRequest.newBuilder(OpenModelLoad.uri(url, ""))
                .header("Content-Type", "text/xml; charset=UTF-8").header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.ofString("<soapenv:Envelope xmlns:soapenv="
                        + "\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>" + body
                        + "</soapenv:Body></soapenv:Envelope>")).build();
    }
}
