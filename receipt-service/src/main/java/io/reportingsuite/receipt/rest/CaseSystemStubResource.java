package io.reportingsuite.receipt.rest;

import io.reportingsuite.receipt.soap.CaseSystemStub;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** What the stand-in case system received (local runs and the demo). */
@Path("/api/v1/case-system-stub/notifications")
public class CaseSystemStubResource {

    @Inject
    CaseSystemStub stub;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<CaseSystemStub.Received> received() {
        return stub.received();
    }
}
