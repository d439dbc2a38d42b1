package io.reportingsuite.receipt.soap;

import io.reportingsuite.receipt.config.ReceiptConfig;
import io.reportingsuite.receipt.soap.generated.BusinessResponse;
import io.reportingsuite.receipt.soap.generated.CaseSystemNotificationPortType;
import io.reportingsuite.receipt.soap.generated.FileMetadata;
import io.reportingsuite.receipt.soap.generated.RetentionWarning;
import jakarta.inject.Inject;
import jakarta.jws.WebService;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A stand-in case system's notification service (local runs and tests): a real CXF endpoint that accepts
 * FileMetadata and retention warnings and records them. With {@code receipt.case-system-stub.enabled=false} (a real deployment) it
 * refuses every call with a fault.
 */
@WebService(serviceName = "CaseSystemNotificationService", portName = "CaseSystemNotificationPort",
        targetNamespace = "http://serviceplatformen.dk/xml/wsdl/soap11/SFTP/1/",
        endpointInterface = "io.reportingsuite.receipt.soap.generated.CaseSystemNotificationPortType",
        wsdlLocation = "wsdl/CaseSystemNotification.wsdl")
public class CaseSystemStubEndpoint implements CaseSystemNotificationPortType {

    private static final Logger LOG = Logger.getLogger(CaseSystemStubEndpoint.class);

    @Inject
    CaseSystemStub stub;

    @Inject
    ReceiptConfig config;

    @Inject
    Clock clock;

    @Override
    public BusinessResponse notifyFile(FileMetadata metadata) {
        if (!config.caseSystemStub().enabled()) {
            throw new IllegalStateException("The case-system stub is disabled.");
        }
        var descriptor = metadata.getFileDescriptor();
        var content = metadata.getFileContentDescriptor();
        stub.record(new CaseSystemStub.Received(metadata.getFileTransferUUID(), descriptor.getFileName(),
                descriptor.getSizeInBytes(), descriptor.getSender(), descriptor.getSendersFileId(),
                descriptor.getRecipients(), content.getFilType(), content.getSF(), clock.instant()));
        // FileTransferUUID: the notification's own id, kept across resends — what a case system deduplicates on.
        LOG.infof("case-system stub: notified of %s for %s (FileTransferUUID %s)", descriptor.getFileName(),
                descriptor.getRecipients(), metadata.getFileTransferUUID());
        BusinessResponse response = new BusinessResponse();
        response.setResponseMessage("OK");
        return response;
    }

    @Override
    public BusinessResponse notifyRetention(RetentionWarning warning) {
        if (!config.caseSystemStub().enabled()) {
            throw new IllegalStateException("The case-system stub is disabled.");
        }
        stub.record(new CaseSystemStub.RetentionWarning(List.copyOf(warning.getRecipients()),
                warning.getDeletionDate().toXMLFormat(), List.copyOf(warning.getFileName())));
        LOG.infof("case-system stub: retention warning for %s, %d file(s) on %s", warning.getRecipients(),
                warning.getFileName().size(), warning.getDeletionDate());
        BusinessResponse response = new BusinessResponse();
        response.setResponseMessage("OK");
        return response;
    }
}
