package io.reportingsuite.ingest.bench;

import io.quarkiverse.cxf.annotation.CXFEndpoint;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;

/** The benchmark's baseline: a bare CXF endpoint that answers with the Base64 field it was sent. */
@WebService(serviceName = "EchoService", targetNamespace = "urn:reportingsuite:bench:echo")
@CXFEndpoint("/Echo")
public class EchoEndpoint {

    @WebMethod
    @WebResult(name = "data")
    public byte[] echo(@WebParam(name = "data") byte[] data) {
        return data;
    }
}
