package io.reportingsuite.support.retention;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.CaseSystemsConfig.WarningChannel;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
 * ({@code retention-warning-channel}, else the service's {@code <prefix>.retention.warning-channel}): {@code LOG}
 * (the service log, for operators), {@code HTTP} (a JSON POST to the system's {@code retention-warning-url}),
 * {@code SOAP} ({@code NotifyRetention} on the system's notification endpoint, where the service has that client)
 * or {@code SMTP} (an e-mail to the system's {@code retention-warning-email} through the Quarkus mailer). Every
 * port carries file names and the deletion date only, never contents. A warning that cannot be sent throws
 * {@link IOException}, so the files are warned about again on the next run. A system whose port has no address,
 * or whose port the service cannot serve, stops the start (it would drop every warning silently). One
 * implementation for every service with SFTP areas (receipt-service, ingest-service); each creates it with its
 * own settings and words.
 */
public class RetentionWarnings {

    private static final Logger LOG = Logger.getLogger(RetentionWarnings.class);

    /** The SOAP port: {@code NotifyRetention} on the system's notification endpoint. */
    @FunctionalInterface
    public interface SoapPort {
        void notifyRetention(RegisteredSystem system, List<String> files, LocalDate deletion);
    }

    /**
     * What the e-mail says about the files, e.g. "Return files in the SFTP folder" / "unless they are fetched and
     * removed before then".
     *
     * @param files  the start of the first sentence, followed by the SFTP user
     * @param advice what the case system can do, after the deletion date
     */
    public record Wording(String files, String advice) {
    }

    private final WarningChannel defaultChannel;
    private final Mailer mailer;
    private final Optional<SoapPort> soap;
    private final Wording wording;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param settingsPrefix the service's retention prefix for messages, e.g. {@code receipt.retention}
     * @param defaultChannel the service's default port
     * @param mailer         the Quarkus mailer (SMTP port)
     * @param soap           the SOAP port, empty where the service has no {@code NotifyRetention} client
     */
    public RetentionWarnings(CaseSystemRegistry registry, String settingsPrefix, WarningChannel defaultChannel,
                             Mailer mailer, Optional<SoapPort> soap, Wording wording) {
        this.defaultChannel = defaultChannel;
        this.mailer = mailer;
        this.soap = soap;
        this.wording = wording;
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
            if (channel == WarningChannel.SOAP && soap.isEmpty()) {
                throw new IllegalStateException("suite.case-systems." + system.name() + ".retention-warning-channel"
                        + " (or " + settingsPrefix + ".warning-channel) is SOAP, which this service cannot send; "
                        + "set " + settingsPrefix + ".warning-channel to SMTP, HTTP or LOG for it.");
            }
        }
    }

    /** The port this system's retention warnings take: its own setting, else the service's default. */
    public WarningChannel channel(RegisteredSystem system) {
        return system.config().retentionWarningChannel().orElse(defaultChannel);
    }

    /** Warns the system about its files (through its port and the log). */
    public void send(Optional<RegisteredSystem> system, List<String> files, LocalDate deletion)
            throws IOException, InterruptedException {
        send(system.map(RegisteredSystem::name).orElse("operators"), system, files, deletion);
    }

    /**
     * @param label    the area's name in the log (the system's name, or e.g. {@code quarantine})
     * @param system   owner of the files; empty for an area only operators see (log only)
     * @param files    names of the files that will be deleted
     * @param deletion the day they will be deleted
     */
    public void send(String label, Optional<RegisteredSystem> system, List<String> files, LocalDate deletion)
            throws IOException, InterruptedException {
        String owner = label;
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
            soap.orElseThrow().notifyRetention(system, files, deletion);
        } catch (RuntimeException e) {
            throw new IOException("SOAP retention warning to " + system.name() + " failed: " + e.getMessage(), e);
        }
    }

    private void mail(RegisteredSystem system, List<String> files, LocalDate deletion) throws IOException {
        StringBuilder text = new StringBuilder()
                .append(wording.files()).append(' ').append(system.sftpUser())
                .append(" will be deleted on ").append(deletion)
                .append(' ').append(wording.advice()).append(":\n\n");
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
