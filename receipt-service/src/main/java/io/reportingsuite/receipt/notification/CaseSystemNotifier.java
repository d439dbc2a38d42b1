package io.reportingsuite.receipt.notification;

import io.quarkiverse.cxf.annotation.CXFClient;
import io.reportingsuite.receipt.config.ReceiptConfig;
import io.reportingsuite.receipt.returfile.Delivery;
import io.reportingsuite.receipt.soap.generated.BusinessResponse;
import io.reportingsuite.receipt.soap.generated.CaseSystemNotificationPortType;
import io.reportingsuite.receipt.soap.generated.FileContentDescriptorType;
import io.reportingsuite.receipt.soap.generated.FileDescriptorType;
import io.reportingsuite.receipt.soap.generated.FileMetadata;
import io.reportingsuite.receipt.soap.generated.RetentionWarning;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.xml.ws.BindingProvider;
import java.time.LocalDate;
import java.util.List;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

/**
 * Tells a case system that a return file waits in its folder: SOAP {@code NotifyFile(FileMetadata)} to the
 * system's endpoint from the registry (SPEC §2.5); and, for retention, that files will be deleted: {@code
 * NotifyRetention} on the same endpoint. Throws on any failure, including a response that carries
 * ErrorMessage entries, so the caller schedules another attempt.
 */
@ApplicationScoped
public class CaseSystemNotifier {

    /** FileContentDescriptor values of a return file (SPEC §2.5). */
    static final String FIL_TYPE = "SkatIndberetSvar";
    static final String SF = "770B";

    private final CaseSystemNotificationPortType client;
    private final ReceiptConfig config;

    public CaseSystemNotifier(@CXFClient("casesystem") CaseSystemNotificationPortType client, ReceiptConfig config) {
        this.client = client;
        this.config = config;
        // The endpoint differs per case system; a thread-local request context keeps calls apart.
        ((BindingProvider) client).getRequestContext().put("thread.local.request.context", "true");
    }

    public void notify(RegisteredSystem system, Delivery delivery) {
        FileDescriptorType descriptor = new FileDescriptorType();
        descriptor.setFileName(delivery.fileName());
        descriptor.setSizeInBytes(delivery.sizeBytes());
        descriptor.setSender(config.notification().sender());
        descriptor.getSendersFileId().add(delivery.hovedIndberetningId());
        descriptor.getRecipients().add(system.sftpUser());
        FileContentDescriptorType content = new FileContentDescriptorType();
        content.setFilType(FIL_TYPE);
        content.setSF(SF);
        FileMetadata metadata = new FileMetadata();
        metadata.setFileTransferUUID(delivery.fileTransferUuid().toString());
        metadata.setFileDescriptor(descriptor);
        metadata.setFileContentDescriptor(content);

        check(endpointOf(system).notifyFile(metadata));
    }

    /** SOAP retention warning: the files (names only) in the system's folder that go on {@code deletion}. */
    public void notifyRetention(RegisteredSystem system, List<String> fileNames, LocalDate deletion) {
        RetentionWarning warning = new RetentionWarning();
        warning.getRecipients().add(system.sftpUser());
        try {
            warning.setDeletionDate(DatatypeFactory.newInstance().newXMLGregorianCalendar(deletion.toString()));
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
        warning.getFileName().addAll(fileNames);
        check(endpointOf(system).notifyRetention(warning));
    }

    private CaseSystemNotificationPortType endpointOf(RegisteredSystem system) {
        ((BindingProvider) client).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY,
                system.config().notificationEndpoint());
        return client;
    }

    private static void check(BusinessResponse response) {
        if (response == null || !response.getErrorMessage().isEmpty()) {
            int code = response == null ? -1 : response.getErrorMessage().get(0).getErrorCode();
            throw new IllegalStateException("The case system refused the notification (error code " + code + ").");
        }
    }
}
