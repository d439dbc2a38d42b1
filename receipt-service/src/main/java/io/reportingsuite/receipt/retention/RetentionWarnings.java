package io.reportingsuite.receipt.retention;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.Startup;
import io.reportingsuite.receipt.config.ReceiptConfig;
import io.reportingsuite.receipt.notification.CaseSystemNotifier;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.CaseSystemsConfig.WarningChannel;
import io.reportingsuite.support.casesystem.RegisteredSystem;
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
 * The warning SPEC §2.4 asks for before files are deleted, through the port configured for the system
 * ({@code retention-warning-channel}, else {@code receipt.retention.warning-channel}): {@code LOG} (the
 * service log, for operators), {@code HTTP} (a JSON POST to the system's {@code retention-warning-url}),
 * {@code SOAP} ({@code NotifyRetention} on the system's notification endpoint) or {@code SMTP} (an e-mail
 * to the system's {@code retention-warning-email} through the Quarkus mailer). Every port carries file
 * names and the deletion date only, never contents. A warning that cannot be sent throws {@link
 * IOException}, so the files are warned about again on the next run. A system whose port has no address
 * stops the start (a warning port without its address would drop every warning silently).
 */
@Startup
@ApplicationScoped
public class RetentionWarnings {

    private static final Logger LOG = Logger.getLogger(RetentionWarnings.class);

    private final ReceiptConfig config;
    private final Mailer mailer;
    private final CaseSystemNotifier soap;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public RetentionWarnings(CaseSystemRegistry registry, ReceiptConfig config, Mailer mailer,
                             CaseSystemNotifier soap) {
        this.config = config;
        this.mailer = mailer;
        this.soap = soap;
        for (RegisteredSystem system : registry.all()) {
            WarningChannel channel = channel(system);
            if (channel == WarningChannel.SMTP
                    && system.config().retentionWarningEmail().map(List::isEmpty).orElse(true)) {
                throw new IllegalStateException("suite.case-systems." + system.name()
                        + ".retention-warning-email is required for the SMTP retention warning channel.");
            }
            if (channel == WarningChannel.HTTP && system.config().retentionWarningUrl().isEmpty()) {
                throw new IllegalStateException("suite.case-systems." + system.name()
                        + ".retention-warning-url is required for the HTTP retention warning channel.");
            }
        }
    }

    /** The port this system's retention warnings take: its own setting, else receipt's default. */
    public WarningChannel channel(RegisteredSystem system) {
        return system.config().retentionWarningChannel().orElse(config.retention().warningChannel());
    }

    /**
     * @param system   owner of the files; empty for the quarantine, which only operators see (log only)
     * @param files    names of the files that will be deleted
     * @param deletion the day they will be deleted
     */
    public void send(Optional<RegisteredSystem> system, List<String> files, LocalDate deletion)
            throws IOException, InterruptedException {
        String owner = system.map(RegisteredSystem::name).orElse("quarantine");
        if (system.isPresent()) {
            RegisteredSystem entry = system.get();
            switch (channel(entry)) {
                case HTTP -> post(entry, files, deletion);
                case SOAP -> soap(entry, files, deletion);
                case SMTP -> mail(entry, files, deletion);
                case LOG -> { }
            }
        }
        LOG.warnf("retention warning for %s: %d file(s) will be deleted on %s: %s", owner, files.size(), deletion,
                files);
    }

    private void post(RegisteredSystem system, List<String> files, LocalDate deletion)
            throws IOException, InterruptedException {
        JsonObject body = new JsonObject().put("caseSystem", system.name())
                .put("sftpUser", system.sftpUser())
                .put("deletionDate", deletion.toString())
                .put("files", new JsonArray(List.copyOf(files)));
        // The constructor refuses to start an HTTP system without a URL.
        String url = system.config().retentionWarningUrl().orElseThrow();
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Retention warning to " + system.name() + " answered HTTP " + response.statusCode());
        }
    }

    private void soap(RegisteredSystem system, List<String> files, LocalDate deletion) throws IOException {
        try {
            soap.notifyRetention(system, files, deletion);
        } catch (RuntimeException e) {
            throw new IOException("SOAP retention warning to " + system.name() + " failed: " + e.getMessage(), e);
        }
    }

    private void mail(RegisteredSystem system, List<String> files, LocalDate deletion) throws IOException {
        StringBuilder text = new StringBuilder()
                .append("Return files in the SFTP folder ").append(system.sftpUser())
                .append(" will be deleted on ").append(deletion)
                .append(" unless they are fetched and removed before then:\n\n");
        files.forEach(name -> text.append("  ").append(name).append('\n'));
        text.append("\nThis message names the files only; their contents are on the SFTP server.\n");
        Mail mail = new Mail()
                .setTo(List.copyOf(system.config().retentionWarningEmail().orElseThrow()))
                .setSubject("Retention warning " + system.sftpUser() + ": " + files.size()
                        + " file(s) will be deleted on " + deletion)
                .setText(text.toString());
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            throw new IOException("E-mail retention warning to " + system.name() + " failed: " + e.getMessage(), e);
        }
    }
}
