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
                HEADER, "|---|---|---|---|---|---|---|---|---|",
                echo.row(), submit.row(),
                String.format("ratio full/echo: p50 %.1fx, p99 %.1fx, throughput %.2f", submit.p50Millis() / echo.p50Millis(),
                        submit.p99Millis() / echo.p99Millis(), submit.throughputPerSecond() / echo.throughputPerSecond()));
        if (Boolean.getBoolean("bench.saturation")) {
            report = report + "\n\n" + saturation(root, auth, run);
        }
        System.out.println(report);
        Path out = Path.of("target", "bench", "soap-submission.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report + "\n");
        assertThat(submit.ok()).isEqualTo(submit.sent());
    }

    private static final String HEADER =
            "| target                       | offered/s |  sent |    ok | failed |  ok/s    | p50 ms   | p99 ms   | max ms   |";

    /**
     * The saturation mode ({@code -Dbench.saturation=true}): both targets ramped through the same arrival rates
     * ({@code -Dbench.steps=40,80,...}, {@code -Dbench.step-seconds=10} each) until a step is not bounded (see
     * {@link OpenModelLoad#ramp}; p99 bound {@code -Dbench.p99-bound-ms=500}); the echo first, then the full path.
     */
    private static String saturation(String root, String auth, long run) throws Exception {
        int[] rates = java.util.Arrays.stream(System.getProperty("bench.steps", "40,60,80,100,120,140,160,200,240,300")
                .split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
        int seconds = Integer.getInteger("bench.step-seconds", 10);
        double bound = Integer.getInteger("bench.p99-bound-ms", 500);
        OpenModelLoad load = new OpenModelLoad();
        java.util.List<OpenModelLoad.Result> echo = load.ramp("bare CXF echo", i -> echo(root, auth, i), 200, rates,
                seconds, bound);
        java.util.List<OpenModelLoad.Result> submit = load.ramp("SkatIndberetning (full path)",
                i -> submit(root, auth, "R", run, i), 200, rates, seconds, bound);
        StringBuilder out = new StringBuilder(String.format("Saturation: open model, %d s per step, bounded = no"
                + " failure, ok/s >= 95 %% of offered, p99 <= %.0f ms%n", seconds, bound));
        out.append(HEADER).append("\n|---|---|---|---|---|---|---|---|---|\n");
        echo.forEach(r -> out.append(r.row()).append("\n"));
        submit.forEach(r -> out.append(r.row()).append("\n"));
        OpenModelLoad.Result e = OpenModelLoad.highestBounded(echo, bound);
        OpenModelLoad.Result s = OpenModelLoad.highestBounded(submit, bound);
        out.append(String.format("highest bounded step: echo %s, full path %s",
                e == null ? "none" : String.format("%d/s offered (%.1f ok/s)", e.rate(), e.throughputPerSecond()),
                s == null ? "none" : String.format("%d/s offered (%.1f ok/s)", s.rate(), s.throughputPerSecond())));
        if (e != null && s != null) {
            out.append(String.format(", ratio full/echo %.2f", s.throughputPerSecond() / e.throughputPerSecond()));
        }
        if (e != null && e.rate() == rates[rates.length - 1]) {
            out.append(" (echo bounded at the highest step: its limit is higher)");
        }
        return out.toString();
    }

    private static final String TEMPLATE_ID = "A000000000000000";
    private static final byte[] TEMPLATE = generate(TEMPLATE_ID);
    private static final int TEMPLATE_AT = onlyOccurrence(TEMPLATE, TEMPLATE_ID.getBytes(StandardCharsets.ISO_8859_1));

    /**
     * The generator's file for {@code id}: the id occurs once, in the header, so a copy of one generated file with
     * the id written over it is the same bytes, without running the generator a few thousand times per step.
     */
    private static byte[] file(String id) {
        byte[] copy = TEMPLATE.clone();
        System.arraycopy(id.substring(0, 16).getBytes(StandardCharsets.ISO_8859_1), 0, copy, TEMPLATE_AT, 16);
        return copy;
    }

    private static byte[] generate(String id) {
        try (EIndkomstGenerator generator = new EIndkomstGenerator(CaseSystem.KY, id, RECORDS)) {
            return generator.readAllBytes();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int onlyOccurrence(byte[] in, byte[] what) {
        int found = -1;
        for (int i = 0; i + what.length <= in.length; i++) {
            if (java.util.Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                if (found >= 0) {
                    throw new IllegalStateException("the id occurs more than once in the generated file");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalStateException("the id does not occur in the generated file");
        }
        return found;
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
