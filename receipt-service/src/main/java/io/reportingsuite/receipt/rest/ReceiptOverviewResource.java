package io.reportingsuite.receipt.rest;

import io.reportingsuite.receipt.config.ReceiptAreas;
import io.reportingsuite.receipt.returfile.Delivery;
import io.reportingsuite.receipt.returfile.DeliveryLog;
import io.reportingsuite.receipt.skattekort.SkattekortLog;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Operator's overview (and the demo's): per case system the return files waiting in its SFTP folder and the
 * skattekort messages published to its Beskedfordeler address; the quarantine; notifications still pending.
 * File names carry only HovedIndberetningIDs; no content is shown.
 */
@Path("/api/v1/receipt/overview")
public class ReceiptOverviewResource {

    /** One case system's side of the overview. */
    public record CaseSystemView(String name, String sftpUser, List<String> files, String beskedfordelerAddress,
                                 long skattekortPublished) {
    }

    /** The whole overview. */
    public record Overview(List<CaseSystemView> caseSystems, List<String> quarantine, int pendingNotifications) {
    }

    @Inject
    CaseSystemRegistry registry;

    @Inject
    ReceiptAreas areas;

    @Inject
    DeliveryLog deliveryLog;

    @Inject
    SkattekortLog skattekortLog;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Overview overview() throws IOException, SQLException {
        Map<String, Long> published = skattekortLog.countsBySystem();
        List<CaseSystemView> systems = new ArrayList<>();
        for (RegisteredSystem system : registry.all()) {
            systems.add(new CaseSystemView(system.name(), system.sftpUser(), names(areas.folderOf(system)),
                    system.beskedfordelerAddress(), published.getOrDefault(system.name(), 0L)));
        }
        return new Overview(systems, names(areas.quarantine()),
                deliveryLog.inState(Delivery.State.PENDING, 1000).size());
    }

    private static List<String> names(java.nio.file.Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<java.nio.file.Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
