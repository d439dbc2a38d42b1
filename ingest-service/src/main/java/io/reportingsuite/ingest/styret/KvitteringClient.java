package io.reportingsuite.ingest.styret;

import io.quarkiverse.cxf.annotation.CXFClient;
import io.reportingsuite.ingest.styret.api.StyretKvitteringPortType;
import io.reportingsuite.ingest.styret.api.TechnicalReceipt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.xml.ws.BindingProvider;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Calls a case system's kvittering service (SPEC §2.4 step 3) with a TechnicalReceipt. One attempt is bounded
 * by MicroProfile Fault Tolerance ({@code @Timeout}, configurable as
 * {@code io.reportingsuite.ingest.styret.KvitteringClient/deliver/Timeout/value}) besides CXF's connection and
 * receive timeouts; retries across restarts are the {@link StyretPipeline}'s, kept in PostgreSQL.
 */
@ApplicationScoped
public class KvitteringClient {

    private final StyretKvitteringPortType port;

    public KvitteringClient(@CXFClient("kvittering") StyretKvitteringPortType port) {
        this.port = port;
    }

    /**
     * Delivers one receipt to {@code endpoint} (the system's {@code kvittering-endpoint}); returns normally only
     * when the case system answered. Calls are serialised: the address is set on the one client per call.
     */
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public synchronized void deliver(String endpoint, TechnicalReceipt receipt) {
        ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, endpoint);
        port.deliverTechnicalReceipt(receipt);
    }
}
