package io.reportingsuite.ingest.styret;

import io.reportingsuite.ingest.security.Caller;
import io.reportingsuite.ingest.styret.api.NotificationFault;
import io.reportingsuite.ingest.styret.api.NotificationFaultMessage;
import io.reportingsuite.ingest.styret.api.NotificationResponse;
import io.reportingsuite.ingest.styret.api.StyretNotificationPortType;
import io.reportingsuite.ingest.styret.api.TriggerType;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import jakarta.jws.WebService;

/**
 * EP_FS2's SOAP notification {@code NotifyUpload} (SPEC §2.4 step 2), implementing the interface generated
 * from {@code wsdl/StyretNotification.wsdl}. The caller is the authenticated case system (Quarkus Security,
 * {@link Caller}); a refusal is a {@code NotificationFault} whose {@code Reason} names the check.
 */
@WebService(serviceName = "StyretNotificationService", portName = "StyretNotificationPort",
        targetNamespace = "http://serviceplatformen.dk/xml/wsdl/soap11/SFTP/1/",
        endpointInterface = "io.reportingsuite.ingest.styret.api.StyretNotificationPortType",
        wsdlLocation = "wsdl/StyretNotification.wsdl")
public class StyretNotificationEndpoint implements StyretNotificationPortType {

    private final StyretNotifications notifications;
    private final CaseSystemRegistry registry;
    private final Caller caller;

    public StyretNotificationEndpoint(StyretNotifications notifications, CaseSystemRegistry registry, Caller caller) {
        this.notifications = notifications;
        this.registry = registry;
        this.caller = caller;
    }

    @Override
    public NotificationResponse notifyUpload(TriggerType trigger) throws NotificationFaultMessage {
        try {
            RegisteredSystem system = registry.byName(caller.caseSystem())
                    .orElseThrow(() -> new TriggerRefused("SECURITY", "The caller is not a known case system."));
            StyretNotifications.Notified n = notifications.notify(system, TriggerDocument.of(trigger), "soap");
            NotificationResponse response = new NotificationResponse();
            response.setFileTransferUUID(n.fileTransferUuid().toString());
            response.setSendersFileId(n.sendersFileId());
            response.setStatus(n.repeated() ? "REPEATED" : "MOVED");
            return response;
        } catch (TriggerRefused r) {
            NotificationFault detail = new NotificationFault();
            detail.setReason(r.reason());
            detail.setMessage(r.getMessage());
            throw new NotificationFaultMessage(r.getMessage(), detail);
        }
    }
}
