package io.reportingsuite.receipt.soap;

import io.reportingsuite.receipt.config.ReceiptConfig;
import io.reportingsuite.receipt.soap.kvittering.ErrorMessageType;
import io.reportingsuite.receipt.soap.kvittering.KvitteringResponse;
import io.reportingsuite.receipt.soap.kvittering.StyretKvitteringPortType;
import io.reportingsuite.receipt.soap.kvittering.TechnicalReceipt;
import jakarta.inject.Inject;
import jakarta.jws.WebService;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A stand-in case system's Styret SFTP kvittering service (local runs and tests): a real CXF endpoint, from
 * contracts' {@code wsdl/StyretKvittering.wsdl}, that records every TechnicalReceipt ingest-service delivers
 * (EP_FS2, SPEC §2.4 step 3). With {@code receipt.case-system-stub.enabled=false} it refuses every call.
 */
@WebService(serviceName = "StyretKvitteringService", portName = "StyretKvitteringPort",
        targetNamespace = "http://serviceplatformen.dk/xml/wsdl/soap11/SFTP/1/",
        endpointInterface = "io.reportingsuite.receipt.soap.kvittering.StyretKvitteringPortType",
        wsdlLocation = "wsdl/StyretKvittering.wsdl")
public class KvitteringStubEndpoint implements StyretKvitteringPortType {

    private static final Logger LOG = Logger.getLogger(KvitteringStubEndpoint.class);

    @Inject
    CaseSystemStub stub;

    @Inject
    ReceiptConfig config;

    @Inject
    Clock clock;

    @Override
    public KvitteringResponse deliverTechnicalReceipt(TechnicalReceipt receipt) {
        if (!config.caseSystemStub().enabled()) {
            throw new IllegalStateException("The case-system stub is disabled.");
        }
        List<CaseSystemStub.KvitteringError> errors = receipt.getErrorMessage().stream()
                .map(ErrorMessageType.class::cast)
                .map(e -> new CaseSystemStub.KvitteringError(e.getErrorCode(), e.getErrorCodeDescription(),
                        e.getErrorDescription()))
                .toList();
        String result = receipt.getReceipt() == null ? null : receipt.getReceipt().getMessage();
        stub.record(new CaseSystemStub.Kvittering(receipt.getFileTransferUUID(), receipt.getSendersFileId(), result,
                errors, clock.instant()));
        LOG.infof("case-system stub: kvittering %s for %s (%s, %d error message(s))", receipt.getFileTransferUUID(),
                receipt.getSendersFileId(), result, errors.size());
        KvitteringResponse response = new KvitteringResponse();
        response.setResponseMessage("OK");
        return response;
    }
}
