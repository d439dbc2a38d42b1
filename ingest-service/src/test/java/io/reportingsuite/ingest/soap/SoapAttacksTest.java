package io.reportingsuite.ingest.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.SoapAttacksContract;
import io.reportingsuite.ingest.support.Samples;
import io.reportingsuite.ingest.support.Soap;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hostile XML against EP_FS1 {@code SkatIndberetning} (issue 14): see {@link SoapAttacksContract}. The valid
 * request is one forsendelse, accepted once and then an idempotent resend. Also: the schema validator each worker
 * thread reuses (service-support's {@code soap/SoapHotPath}) keeps nothing from a document it refused half-way.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class SoapAttacksTest extends SoapAttacksContract {

    private static final String ID = Samples.newId('A');
    private static final String VALID = Soap.request(ID, Samples.withId("ky-valid.txt", ID));

    /**
     * Requests refused half-way, by the schema or by the parser, in turn with new valid submissions and a request
     * refused by the schema, sequentially from one client: the worker pool hands such calls to the few threads it
     * has idle, so most of these pairs meet on one thread's reused validator (the deterministic same-thread case,
     * with these shapes and more, is service-support's {@code ReusedValidatorHandlersTest}). Every valid request
     * is accepted, and every refused one gets exactly the answer it got the first time.
     */
    @Test
    void aRequestRefusedHalfWayLeavesNothingForTheNextOne() {
        String id = Samples.newId('A');
        String valid = Soap.request(id, Samples.withId("ky-valid.txt", id));
        String close = "</s:SKATIndberetServiceRequest>";
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("id against its pattern", valid.replace(id, "C" + id.substring(1)));
        refused.put("payload not base64", valid.replace("<s:Indberetning>", "<s:Indberetning>!!"));
        refused.put("unknown element after the payload", valid.replace(close, "<s:Extra>1</s:Extra>" + close));
        refused.put("deep nesting after the id", valid.replace("</s:HovedIndberetningID>",
                "</s:HovedIndberetningID>" + "<a>".repeat(2_000) + "</a>".repeat(2_000)));
        refused.put("truncated in the payload", valid.substring(0, valid.indexOf("<s:Indberetning>") + 600));
        refused.put("DTD", "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY x \"x\">]>" + valid);

        Map<String, String> firstAnswers = new LinkedHashMap<>();
        for (int round = 0; round < 3; round++) {
            for (Map.Entry<String, String> request : refused.entrySet()) {
                String what = request.getKey();
                Response answer = postAsKy(request.getValue());
                assertThat(answer.statusCode()).as(what).isEqualTo(500);
                String fault = answer.asString();
                assertThat(fault).as(what).contains("Fault>").doesNotContain("ACCEPTED");
                String first = firstAnswers.putIfAbsent(what, fault);
                if (first != null) {
                    assertThat(fault).as("%s, round %d: the first answer", what, round).isEqualTo(first);
                }

                String next = Samples.newId('A');
                Response accepted = postAsKy(Soap.request(next, Samples.withId("ky-valid.txt", next)));
                assertThat(accepted.statusCode()).as("valid after %s", what).isEqualTo(200);
                assertThat(accepted.asString()).as("valid after %s", what).contains("ACCEPTED");

                assertThat(postAsKy(refused.get("id against its pattern")).asString())
                        .as("invalid id after %s and a valid request", what)
                        .isEqualTo(firstAnswers.get("id against its pattern"));
            }
        }
    }

    private static Response postAsKy(String xml) {
        return RestAssured.given().auth().preemptive().basic("ky", "ky-secret").contentType(Soap.CONTENT_TYPE)
                .body(xml.getBytes(StandardCharsets.UTF_8)).post(Soap.PATH);
    }

    @Override
    protected String soapPath() {
        return Soap.PATH;
    }

    @Override
    protected String validEnvelope() {
        return VALID;
    }

    @Override
    protected RequestSpecification authenticated(RequestSpecification request) {
        return request.auth().preemptive().basic("ky", "ky-secret");
    }
}
