package io.reportingsuite.ingest.support;

import java.util.Base64;

/** SOAP 1.1 envelopes for EP_FS1, written out by hand so tests also control malformed ones. */
public final class Soap {

    public static final String PATH = "/soap/SkatIndberetning";
    public static final String CONTENT_TYPE = "text/xml; charset=UTF-8";

    private Soap() {
    }

    public static String request(String id, byte[] payload) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:s=\"urn:reportingsuite:eindkomst:skatindberetning:1\"><soapenv:Body>"
                + "<s:SKATIndberetServiceRequest><s:HovedIndberetningID>" + id + "</s:HovedIndberetningID>"
                + (payload == null ? "" : "<s:Indberetning>" + Base64.getEncoder().encodeToString(payload)
                + "</s:Indberetning>")
                + "</s:SKATIndberetServiceRequest></soapenv:Body></soapenv:Envelope>";
    }
}
