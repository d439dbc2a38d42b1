package io.reportingsuite.ingest.batch;

import io.reportingsuite.contracts.batch.BatchFileName;
import io.reportingsuite.contracts.batch.BatchFolder;
import io.reportingsuite.contracts.batch.BatchSignatureVerifier;
import io.reportingsuite.contracts.batch.ParseResult;
import io.reportingsuite.contracts.batch.SignatureVerdict;
import io.reportingsuite.contracts.batch.Transmission;
import io.reportingsuite.contracts.batch.TransmissionId;
import io.reportingsuite.contracts.batch.TransmissionScanner;
import io.reportingsuite.contracts.finding.Finding;
import io.reportingsuite.contracts.ident.EnterpriseNumber;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;

/**
 * The transfer point's formal checks of one folder's files (SPEC §5.4), each failure a {@link Finding} with its
 * own rule code and a sentence naming the file and the rule, never content: the name grammar and the
 * completeness rules of {@link TransmissionScanner} (B.., T..), and here: the creation date not after today
 * (Brussels time, by the injected {@link Clock}), the sender number the channel's, the GO file empty, every FS a
 * valid signature over its FI by one of the channel's registered certificates (S.., {@link
 * BatchSignatureVerifier}; required in IN, checked in INTEST too when present), a route for the purpose, and the
 * mandant read from the FI content and allowed for the channel's quality (mandate registry).
 */
@ApplicationScoped
public class TransmissionChecks {

    /** The day of a batch channel (creation dates, mandates) is Belgium's. */
    public static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    /** The creation date (element 4) is after today. */
    public static final String RULE_DATE_IN_FUTURE = "C01";
    /** The sender number (element 3) is not the channel's. */
    public static final String RULE_SENDER_NOT_CHANNEL = "C02";
    /** The GO file is not empty. */
    public static final String RULE_GO_NOT_EMPTY = "C03";
    /** No route is configured for the purpose (element 2). */
    public static final String RULE_NO_ROUTE = "C04";
    /** The mandant cannot be read from the FI content (not XML, a DTD, no such element). */
    public static final String RULE_MANDANT_UNREADABLE = "M01";
    /** An employer's channel sends for another company. */
    public static final String RULE_EMPLOYER_FOR_OTHER = "M02";
    /** A representative sends for a company without any mandate for the service. */
    public static final String RULE_NO_MANDATE = "M03";
    /** The representative's mandate has ended. */
    public static final String RULE_MANDATE_EXPIRED = "M04";
    /** The representative's mandate was revoked. */
    public static final String RULE_MANDATE_REVOKED = "M05";
    /** The representative's mandate starts after today. */
    public static final String RULE_MANDATE_NOT_YET_VALID = "M06";
    /** The mandant in the content is not a valid enterprise number. */
    public static final String RULE_MANDANT_INVALID = "M07";

    private final BatchChannels channels;
    private final MandateRegistry mandates;
    private final Clock clock;

    public TransmissionChecks(BatchChannels channels, MandateRegistry mandates, Clock clock) {
        this.channels = channels;
        this.mandates = mandates;
        this.clock = clock;
    }

    /** The verdict on a transmission the scanner found complete. */
    public TransmissionChecked complete(BatchChannels.Channel channel, BatchFolder folder, Path dir,
                                        Transmission transmission) throws IOException, SQLException {
        List<Finding> findings = new ArrayList<>(nameChecks(channel, transmission.id(),
                transmission.dataParts().get(0).toString()));
        Path go = dir.resolve(transmission.go().toString());
        if (Files.size(go) != 0) {
            findings.add(finding(RULE_GO_NOT_EMPTY, transmission.go().toString(), "a GO file must be empty"
                    + " (0 bytes); it only marks the transmission complete."));
        }
        for (BatchFileName part : transmission.dataParts()) {
            Optional<BatchFileName> fs = transmission.signatureOf(part);
            if (fs.isPresent()) {
                signature(channel, dir.resolve(part.toString()), dir.resolve(fs.get().toString()), fs.get().toString())
                        .ifPresent(findings::add);
            }
        }
        Optional<String> mandant = Optional.empty();
        String firstFile = transmission.dataParts().get(0).toString();
        Optional<BatchChannelConfig.Route> route = channels.route(transmission.id().purpose());
        if (route.isEmpty()) {
            findings.add(finding(RULE_NO_ROUTE, firstFile, "the purpose (element 2) is not one this platform"
                    + " accepts on the batch channel."));
        } else {
            mandant = mandant(transmission, dir, route.get(), firstFile, findings);
            if (mandant.isPresent()) {
                mandateCheck(channel, mandant.get(), route.get(), firstFile).ifPresent(findings::add);
            }
        }
        return new TransmissionChecked(channel.user(), folder, Optional.of(transmission.id()),
                Optional.of(transmission), files(dir, transmission.fileNames()), mandant, findings);
    }

    /** The verdict on files the scanner rejected: its findings, each naming its file, and the name checks. */
    public TransmissionChecked rejected(BatchChannels.Channel channel, BatchFolder folder, Path dir,
                                        TransmissionScanner.Rejected rejected) {
        Optional<TransmissionId> id = Optional.empty();
        for (String name : rejected.fileNames()) {
            ParseResult<BatchFileName> parsed = BatchFileName.parse(name);
            if (parsed.isOk()) {
                id = Optional.of(parsed.orElseThrow().transmission());
                break;
            }
        }
        String about = rejected.fileNames().size() == 1 ? "File " + rejected.fileNames().get(0)
                : "Transmission " + id.map(TransmissionId::toString).orElse("?");
        List<Finding> findings = new ArrayList<>();
        for (Finding f : rejected.findings()) {
            findings.add(new Finding(f.rule(), f.severity(), f.line(), f.recordType(), f.field(), f.fieldName(),
                    about + ": " + f.message()));
        }
        if (id.isPresent()) {
            findings.addAll(nameChecks(channel, id.get(), rejected.fileNames().get(0)));
        }
        return new TransmissionChecked(channel.user(), folder, id, Optional.empty(),
                files(dir, rejected.fileNames()), Optional.empty(), findings);
    }

    private List<Finding> nameChecks(BatchChannels.Channel channel, TransmissionId id, String file) {
        List<Finding> findings = new ArrayList<>();
        if (id.creationDate().isAfter(today())) {
            findings.add(finding(RULE_DATE_IN_FUTURE, file, "the creation date (element 4) is after today."));
        }
        if (!id.sender().equals(channel.senderNumber())) {
            findings.add(finding(RULE_SENDER_NOT_CHANNEL, file, "the sender number (element 3) is not the one"
                    + " registered for this channel."));
        }
        return findings;
    }

    private Optional<Finding> signature(BatchChannels.Channel channel, Path fi, Path fs, String fsName) {
        SignatureVerdict verdict = new BatchSignatureVerifier(channel.signingCertificates())
                .verify(fi, fs, clock.instant());
        if (verdict.isValid()) {
            return Optional.empty();
        }
        String message = verdict.reason() == SignatureVerdict.Reason.UNTRUSTED_SIGNER
                ? "the signer's certificate is not registered for this channel."
                : verdict.message();
        return Optional.of(finding(verdict.reason().rule(), fsName, message));
    }

    private Optional<String> mandant(Transmission transmission, Path dir, BatchChannelConfig.Route route,
                                     String firstFile, List<Finding> findings) throws IOException {
        Optional<String> text;
        try (InputStream content = concatenated(dir, transmission.dataParts())) {
            text = route.kind() == BatchChannelConfig.RouteKind.DEBT_QUERY ? MandantReader.debtQuery(content)
                    : MandantReader.firstElement(content, route.mandantElement());
        } catch (XMLStreamException e) {
            findings.add(finding(RULE_MANDANT_UNREADABLE, firstFile, "the content is not well-formed XML without"
                    + " a DTD, so the company it is for cannot be read."));
            return Optional.empty();
        }
        String where = route.kind() == BatchChannelConfig.RouteKind.DEBT_QUERY
                ? String.join("/", MandantReader.DEBT_QUERY_PATH) : route.mandantElement();
        if (text.isEmpty() || text.get().isEmpty()) {
            findings.add(finding(RULE_MANDANT_UNREADABLE, firstFile, "the content has no " + where
                    + " naming the company it is for."));
            return Optional.empty();
        }
        if (!EnterpriseNumber.isValid(text.get())) {
            findings.add(finding(RULE_MANDANT_INVALID, firstFile, "the " + where + " in the content is not a valid"
                    + " enterprise number."));
            return Optional.empty();
        }
        return Optional.of(EnterpriseNumber.parse(text.get()).digits());
    }

    private Optional<Finding> mandateCheck(BatchChannels.Channel channel, String mandant,
                                           BatchChannelConfig.Route route, String file) throws SQLException {
        if (channel.quality() == Quality.TRAINING_PROVIDER || mandant.equals(channel.companyId())) {
            return Optional.empty();
        }
        if (!channel.quality().representsOthers()) {
            return Optional.of(finding(RULE_EMPLOYER_FOR_OTHER, file, "an employer's channel may only send for"
                    + " its own company, and the content names another."));
        }
        MandateRegistry.Status status = mandates.status(channel.companyId(), mandant, route.service(), today());
        String forService = " for the service " + route.service() + " from the company the content names";
        return switch (status) {
            case ACTIVE -> Optional.empty();
            case NONE -> Optional.of(finding(RULE_NO_MANDATE, file, "the channel's company has no mandate"
                    + forService + "."));
            case EXPIRED -> Optional.of(finding(RULE_MANDATE_EXPIRED, file, "the channel's company's mandate"
                    + forService + " has ended."));
            case REVOKED -> Optional.of(finding(RULE_MANDATE_REVOKED, file, "the channel's company's mandate"
                    + forService + " was revoked."));
            case NOT_YET_VALID -> Optional.of(finding(RULE_MANDATE_NOT_YET_VALID, file, "the channel's company's"
                    + " mandate" + forService + " starts after today."));
        };
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), BRUSSELS);
    }

    private static InputStream concatenated(Path dir, List<BatchFileName> parts) throws IOException {
        List<InputStream> streams = new ArrayList<>();
        try {
            for (BatchFileName part : parts) {
                streams.add(Files.newInputStream(dir.resolve(part.toString())));
            }
        } catch (IOException e) {
            for (InputStream open : streams) {
                open.close();
            }
            throw e;
        }
        // Closing it closes every part's stream (SequenceInputStream.close).
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    private static List<Path> files(Path dir, List<String> names) {
        return names.stream().map(dir::resolve).map(Path::toAbsolutePath).toList();
    }

    private static Finding finding(String rule, String file, String sentence) {
        return Finding.error(rule, 0, null, 0, null, "File " + file + ": " + sentence);
    }
}
