package io.reportingsuite.suite;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.path.xml.XmlPath;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suite's public faces as the tests use them, over plain HTTP: ingest's SOAP EP_FS1, EP_FS2 notification and
 * REST API (as a case system), the SKAT simulator's admin list, receipt's recording case-system stub.
 */
final class SuiteApi {

    private static final String RAW = "text/plain; charset=ISO-8859-1";
    /** The Status element of the SOAP answer, whatever its namespace prefix. */
    private static final Pattern STATUS = Pattern.compile("<(?:[\\w-]+:)?Status>([^<]*)</");

    private final Suite suite;

    SuiteApi(Suite suite) {
        this.suite = suite;
    }

    /** EP_FS1's SOAP envelope, as a case system posts it: the forsendelse base64 under its HovedIndberetningID. */
    static String soapEnvelope(String id, byte[] file) {
        return """
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
                xmlns:s="urn:reportingsuite:eindkomst:skatindberetning:1"><soapenv:Body>\
                <s:SKATIndberetServiceRequest><s:HovedIndberetningID>%s</s:HovedIndberetningID>\
                <s:Indberetning>%s</s:Indberetning></s:SKATIndberetServiceRequest></soapenv:Body></soapenv:Envelope>"""
                .formatted(id, Base64.getEncoder().encodeToString(file));
    }

    /** EP_FS1: the SOAP envelope a case system posts; answers the response's Status (ACCEPTED). */
    String submitBySoap(CaseSystem system, String id, byte[] file) {
        String envelope = soapEnvelope(id, file);
        String answer = given().auth().preemptive().basic(system.username, system.password)
                .contentType("text/xml; charset=UTF-8").body(envelope)
                .post(suite.ingestUrl() + "/soap/SkatIndberetning")
                .then().statusCode(200).extract().asString();
        Matcher status = STATUS.matcher(answer);
        return status.find() ? status.group(1) : answer;
    }

    /** REST: the raw file, the id in the header; answers the HTTP status. */
    int submitByRest(CaseSystem system, String id, byte[] file) {
        return given().auth().preemptive().basic(system.username, system.password).contentType(RAW)
                .header("HovedIndberetningID", id).body(file)
                .post(suite.ingestUrl() + "/api/v1/indberetninger")
                .then().extract().statusCode();
    }

    /** The developer tool {@code POST /api/v1/eindkomst/decode}: a file's structured JSON form. */
    String decode(CaseSystem system, byte[] file) {
        return given().auth().preemptive().basic(system.username, system.password).contentType(RAW).body(file)
                .post(suite.ingestUrl() + "/api/v1/eindkomst/decode")
                .then().statusCode(200).extract().asString();
    }

    /** REST, structured: the JSON form, which ingest encodes into SKAT's file; answers the HTTP status. */
    int submitStructured(CaseSystem system, String json) {
        return given().auth().preemptive().basic(system.username, system.password).contentType("application/json")
                .body(json).post(suite.ingestUrl() + "/api/v1/indberetninger")
                .then().extract().statusCode();
    }

    /** The exact bytes ingest forwarded for {@code id} ({@code GET /api/v1/indberetninger/{id}/file}). */
    byte[] forwardedFile(CaseSystem system, String id) {
        return given().auth().preemptive().basic(system.username, system.password)
                .get(suite.ingestUrl() + "/api/v1/indberetninger/" + id + "/file")
                .then().statusCode(200).extract().asByteArray();
    }

    /** Track-and-trace: {@code GET /api/v1/indberetninger/{id}} as the owning case system. */
    JsonPath tracking(CaseSystem system, String id) {
        return given().auth().preemptive().basic(system.username, system.password)
                .get(suite.ingestUrl() + "/api/v1/indberetninger/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The steps of the timeline, in the order the API lists them. */
    List<String> timeline(CaseSystem system, String id) {
        return tracking(system, id).getList("timeline.step", String.class);
    }

    /** What the SKAT simulator received under {@code id} (its admin {@code GET /received}): one map per copy. */
    List<Map<String, Object>> receivedBySkat(String id) {
        List<Map<String, Object>> all = given().get(suite.simulatorUrl() + "/api/v1/admin/received").then()
                .statusCode(200).extract().jsonPath().getList("received");
        return all.stream().filter(copy -> id.equals(copy.get("hovedIndberetningId"))).toList();
    }

    /** The FileMetadata notifications receipt's recording case-system stub received for {@code id}. */
    List<Map<String, Object>> notifications(String id) {
        List<Map<String, Object>> all = given().get(suite.receiptUrl() + "/api/v1/case-system-stub/notifications")
                .then().statusCode(200).extract().jsonPath().getList("");
        return all.stream().filter(n -> ((List<?>) n.get("sendersFileIds")).contains(id)).toList();
    }

    /** The files receipt-service reported as notified to the case system ({@code CASE_SYSTEM_NOTIFIED}, delivered). */
    List<String> notifiedFiles(CaseSystem system, String id) {
        List<Map<String, Object>> timeline = tracking(system, id).getList("timeline");
        return timeline.stream().filter(e -> "CASE_SYSTEM_NOTIFIED".equals(e.get("step")))
                .map(e -> (Map<?, ?>) e.get("attributes"))
                .filter(a -> a != null && "delivered".equals(a.get("outcome")))
                .map(a -> (String) a.get("fileName")).toList();
    }

    /**
     * EP_FS2: the SOAP notification {@code NotifyUpload} of an uploaded file (HTTP Basic as the system); answers
     * the {@code NotificationResponse}'s {@code Status} and {@code FileTransferUUID}.
     */
    List<String> notifyUpload(CaseSystem system, String trigger) {
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Body>" + trigger + "</soapenv:Body></soapenv:Envelope>";
        XmlPath answer = given().auth().preemptive().basic(system.username, system.password)
                .contentType("text/xml; charset=UTF-8").body(envelope)
                .post(suite.ingestUrl() + "/soap/StyretNotification")
                .then().statusCode(200).extract().xmlPath();
        return List.of(answer.getString("Envelope.Body.NotificationResponse.Status"),
                answer.getString("Envelope.Body.NotificationResponse.FileTransferUUID"));
    }

    /** The kvitteringer (EP_FS2 TechnicalReceipts) receipt's recording case-system stub received for {@code id}. */
    List<Map<String, Object>> kvitteringer(String id) {
        return given().queryParam("sendersFileId", id).get(suite.receiptUrl() + "/api/v1/case-system-stub/kvitteringer")
                .then().statusCode(200).extract().jsonPath().getList("");
    }

    /** When ingest's timeline first shows {@code step} for {@code id} (its {@code at}), or null. */
    Instant stepAt(CaseSystem system, String id, String step) {
        List<Map<String, Object>> timeline = tracking(system, id).getList("timeline");
        return timeline.stream().filter(e -> step.equals(e.get("step"))).findFirst()
                .map(e -> Instant.parse((String) e.get("at"))).orElse(null);
    }
}
