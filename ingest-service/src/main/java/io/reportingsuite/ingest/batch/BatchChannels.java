package io.reportingsuite.ingest.batch;

import io.reportingsuite.contracts.ident.EnterpriseNumber;
import io.quarkus.runtime.StartupEvent;
import io.reportingsuite.support.metrics.CertificateExpiryMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured batch channels ({@code ingest.batch-channel.channels}), checked once: a sender number is 6
 * digits and belongs to one channel; a company id is a valid enterprise number (CBE); an enterprise has at most
 * one channel per quality (seed 001 §2); every route's purpose is a 4-character purpose code; the signing
 * certificates are readable. Anything else refuses the start-up with every problem, naming the channel (never
 * the enterprise number: a sole trader's identifies a person).
 */
@ApplicationScoped
public class BatchChannels {

    private static final Pattern SENDER = Pattern.compile("[0-9]{6}");
    private static final Pattern PURPOSE = Pattern.compile("[A-Z0-9]{4}");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    /**
     * One channel as the checks need it.
     *
     * @param user                the SFTP user (key of the channel's configuration)
     * @param companyId           the owner's enterprise number, ten digits
     * @param signingCertificates the certificates an FS in IN may be signed with (may be empty)
     */
    public record Channel(String user, String senderNumber, Quality quality, String companyId,
                          Optional<String> authorizedKeys, List<X509Certificate> signingCertificates) {
        public Channel {
            signingCertificates = List.copyOf(signingCertificates);
        }
    }

    private final Map<String, Channel> channels;
    private final Map<String, BatchChannelConfig.Route> routes;

    public BatchChannels(BatchChannelConfig config) {
        List<String> problems = problems(config.channels(), config.routes());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The batch channel configuration (ingest.batch-channel) is refused: "
                    + String.join(" ", problems));
        }
        Map<String, Channel> loaded = new LinkedHashMap<>();
        config.channels().forEach((user, channel) -> loaded.put(user, new Channel(user, channel.senderNumber(),
                channel.quality(), EnterpriseNumber.parse(channel.companyId()).digits(), channel.authorizedKeys(),
                channel.signingCertificates().map(path -> readCertificates(Path.of(path))).orElse(List.of()))));
        this.channels = Collections.unmodifiableMap(loaded);
        this.routes = Map.copyOf(config.routes());
    }

    /**
     * The senders' registered signing certificates on {@code suite_certificate_not_after_seconds{purpose=
     * "batch-sender", source="ingest.batch-channel"}} (by fingerprint: a certificate's subject may name a person).
     */
    void onStart(@Observes StartupEvent event, CertificateExpiryMetrics expiry) {
        expiry.register(CertificateExpiryMetrics.BATCH_SENDER, "ingest.batch-channel",
                channels.values().stream().flatMap(c -> c.signingCertificates().stream()).toList());
    }

    /** Every channel, by SFTP user. */
    public Map<String, Channel> all() {
        return channels;
    }

    public Optional<Channel> byUser(String user) {
        return Optional.ofNullable(channels.get(user));
    }

    /** The route of a purpose code, absent when the purpose is not routed. */
    public Optional<BatchChannelConfig.Route> route(String purpose) {
        return Optional.ofNullable(routes.get(purpose));
    }

    /** The services a mandate can be for: those of the routes. */
    public List<String> services() {
        return routes.values().stream().map(BatchChannelConfig.Route::service).distinct().sorted().toList();
    }

    /** Every problem of a configuration, each a sentence naming the channel or route and the rule. */
    static List<String> problems(Map<String, BatchChannelConfig.Channel> channels,
                                 Map<String, BatchChannelConfig.Route> routes) {
        List<String> problems = new ArrayList<>();
        Map<String, String> senders = new HashMap<>();
        Map<String, String> qualities = new HashMap<>();
        for (Map.Entry<String, BatchChannelConfig.Channel> entry : new java.util.TreeMap<>(channels).entrySet()) {
            String user = entry.getKey();
            BatchChannelConfig.Channel channel = entry.getValue();
            if (!USER.matcher(user).matches()) {
                problems.add("Channel '" + user + "': the SFTP user name must be letters, digits, '_', '.' or '-'"
                        + " (at most 64).");
            }
            String sender = channel.senderNumber();
            if (sender == null || !SENDER.matcher(sender).matches()) {
                problems.add("Channel " + user + ": the sender number must be 6 digits.");
            } else if (senders.containsKey(sender)) {
                problems.add("Channel " + user + ": its sender number is already channel " + senders.get(sender)
                        + "'s; a sender number belongs to one channel.");
            } else {
                senders.put(sender, user);
            }
            Optional<String> invalid = EnterpriseNumber.check(channel.companyId()).map(p -> p.describe("company-id"));
            if (invalid.isPresent()) {
                problems.add("Channel " + user + ": " + invalid.get());
            } else {
                String key = EnterpriseNumber.parse(channel.companyId()).digits() + "/" + channel.quality();
                if (qualities.containsKey(key)) {
                    problems.add("Channel " + user + ": its company already has the " + channel.quality()
                            + " channel " + qualities.get(key) + "; an enterprise has at most one channel per"
                            + " quality.");
                } else {
                    qualities.put(key, user);
                }
            }
            channel.signingCertificates().ifPresent(path -> {
                try {
                    readCertificates(Path.of(path));
                } catch (IllegalStateException e) {
                    problems.add("Channel " + user + ": " + e.getMessage());
                }
            });
        }
        for (String purpose : new java.util.TreeSet<>(routes.keySet())) {
            if (!PURPOSE.matcher(purpose).matches()) {
                problems.add("Route '" + purpose + "': a purpose code is 4 upper-case letters or digits.");
            }
        }
        return problems;
    }

    /** The certificates of a PEM (or DER) file; at least one. */
    static List<X509Certificate> readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalStateException("the signing-certificates file " + file + " holds no certificate.");
            }
            return certificates;
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("the signing-certificates file " + file + " cannot be read as X.509"
                    + " certificates (" + e.getClass().getSimpleName() + ").");
        }
    }
}
