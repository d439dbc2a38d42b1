package io.reportingsuite.ingest.security;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The answers given before a request reaches an endpoint (authentication, size limit): problem+json for REST, a SOAP
 * 1.1 fault for SOAP. Texts are fixed; nothing from the request is echoed.
 */
final class Refusals {

    private Refusals() {
    }

    static final String BASIC_CHALLENGE = "Basic realm=\"ingest-service\"";

    static void unauthenticated(RoutingContext rc, boolean soap, boolean basicEnabled) {
        if (basicEnabled) {
            rc.response().putHeader("WWW-Authenticate", BASIC_CHALLENGE);
        }
        send(rc, soap, 401, "SECURITY", "Unauthorized",
                "The caller is not an authenticated case system (client certificate or credentials missing or unknown).");
    }

    static void tooManyFailedLogins(RoutingContext rc, boolean soap, long retryAfterSeconds) {
        rc.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
        send(rc, soap, 429, "SECURITY", "Too Many Requests",
                "Too many failed logins from this client; try again after the Retry-After delay.");
    }

    static void tooLarge(RoutingContext rc, boolean soap, long limit) {
        send(rc, soap, 413, "TOO_LARGE", "Payload Too Large",
                "The request is larger than the limit of " + limit + " bytes.");
    }

    private static void send(RoutingContext rc, boolean soap, int status, String code, String title, String detail) {
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONNECTION, "close");
        if (soap) {
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/xml; charset=UTF-8").end("""
                    <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>\
                    <faultcode>soap:Client</faultcode><faultstring>%s</faultstring><detail>\
                    <SKATIndberetFault xmlns="urn:reportingsuite:eindkomst:skatindberetning:1">\
                    <Code>%s</Code><Message>%s</Message></SKATIndberetFault></detail></soap:Fault></soap:Body>\
                    </soap:Envelope>""".formatted(detail, code, detail));
        } else {
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json").end("""
                    {"type":"urn:reportingsuite:problem:%s","title":"%s","status":%d,"detail":"%s","findings":[]}"""
                    .formatted(code.toLowerCase().replace('_', '-'), title, status, detail));
        }
    }
}
