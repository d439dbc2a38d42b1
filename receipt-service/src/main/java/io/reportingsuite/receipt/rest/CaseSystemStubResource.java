package io.reportingsuite.receipt.rest;

import io.reportingsuite.receipt.soap.CaseSystemStub;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** What the stand-in case system received (local runs and the demo). */
@Path("/api/v1/case-system-stub")
public class CaseSystemStubResource {

    @Inject
    CaseSystemStub stub;

    /** FileMetadata notifications (EP_FS3 "a file is waiting"). */
    @GET
    @Path("/notifications")
    @Produces(MediaType.APPLICATION_JSON)
    public List<CaseSystemStub.Received> received() {
        return stub.received();
    }

    /** Styret SFTP kvitteringer (EP_FS2 TechnicalReceipt), optionally only those for one SendersFileId. */
    @GET
    @Path("/kvitteringer")
    @Produces(MediaType.APPLICATION_JSON)
    public List<CaseSystemStub.Kvittering> kvitteringer(@QueryParam("sendersFileId") String sendersFileId) {
        return stub.kvitteringer().stream()
                .filter(k -> sendersFileId == null || sendersFileId.equals(k.sendersFileId())).toList();
    }
}
