package io.reportingsuite.receipt.retention;

import io.reportingsuite.receipt.config.CaseSystemRegistry;
import io.reportingsuite.receipt.config.ReceiptConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The warning SPEC §2.4 asks for before files are deleted, through the port {@code
 * receipt.retention.warning-channel} names: {@code LOG} (the service log, for operators) or {@code HTTP}
 * (a JSON POST to the system's {@code retention-warning-url}). A warning that cannot be sent throws, so the
 * files are warned about again on the next run.
 */
@ApplicationScoped
public class RetentionWarnings {

    private static final Logger LOG = Logger.getLogger(RetentionWarnings.class);

    private final ReceiptConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public RetentionWarnings(ReceiptConfig config) {
        this.config = config;
    }

    /**
     * @param system   owner of the files; empty for the quarantine, which only operators see
     * @param files    names of the files that will be deleted
     * @param deletion the day they will be deleted
     */
    public void send(Optional<CaseSystemRegistry.Entry> system, List<String> files, LocalDate deletion)
            throws IOException, InterruptedException {
        String owner = system.map(CaseSystemRegistry.Entry::name).orElse("quarantine");
        Optional<String> url = system.flatMap(s -> s.config().retentionWarningUrl());
        if (config.retention().warningChannel() == ReceiptConfig.WarningChannel.HTTP && url.isPresent()) {
            JsonObject body = new JsonObject().put("caseSystem", owner)
                    .put("sftpUser", system.get().sftpUser())
                    .put("deletionDate", deletion.toString())
                    .put("files", new JsonArray(List.copyOf(files)));
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url.get()))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new IOException("Retention warning to " + owner + " answered HTTP " + response.statusCode());
            }
        }
        LOG.warnf("retention warning for %s: %d file(s) will be deleted on %s: %s", owner, files.size(), deletion,
                files);
    }
}
