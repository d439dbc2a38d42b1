package io.reportingsuite.debt.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.debt.support.Ledger;
import io.reportingsuite.devstack.test.DevStackTestResource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * A SOAP client generated independently from the served WSDL (python3-zeep, built at run time) calls the
 * service. Skipped, not failed, where python3-zeep is not installed ({@code apt-get install python3-zeep}).
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class IndependentSoapClientTest {

    static final String PYTHON = "/usr/bin/python3";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void zeepBuildsAClientFromTheWsdlAndGetsOneAnswerPerDetail() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)) && new ProcessBuilder(PYTHON, "-c", "import zeep").start()
                .waitFor() == 0, "python3-zeep is not installed");
        Ledger.importJson(Ledger.oneEmployer("zeep-test", "0316381039", "190000107", "2026Q2", 350_000))
                .statusCode(Matchers.oneOf(200, 201));
        Process p = new ProcessBuilder(PYTHON, "src/test/python/zeep_client.py", "http://127.0.0.1:" + port,
                "telemarc", "telemarc-secret", "0316381039", "0417497106").redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.lines().toList()).containsExactly("OK 0316381039 DEBT_ABOVE_THRESHOLD 350000",
                "NOT_FOUND - None -");
    }
}
