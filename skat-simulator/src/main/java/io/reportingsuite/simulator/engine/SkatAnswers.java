package io.reportingsuite.simulator.engine;

import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.EIndkomstValidator;
import io.reportingsuite.contracts.eindkomst.ValidationOptions;
import io.reportingsuite.contracts.eindkomst.ValidationResult;
import io.reportingsuite.contracts.finding.Finding;
import io.reportingsuite.contracts.messaging.ForsendelseType;
import io.reportingsuite.contracts.retur.Fejladvisering;
import io.reportingsuite.contracts.retur.Fejlrecord;
import io.reportingsuite.contracts.retur.Startrecord;
import io.reportingsuite.contracts.retur.Sumkvittering;
import io.reportingsuite.contracts.retur.Sumrecord;
import io.reportingsuite.contracts.skatmq.SkatMq;
import io.reportingsuite.contracts.skattekort.Skattekort;
import io.reportingsuite.contracts.skattekort.SkattekortForsendelse;
import io.reportingsuite.contracts.skattekort.SkattekortWriter;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How SKAT answers one forsendelse (SPEC §2.1, §2.7, §4): the EP_SK2 status and the EP_SK3 documents. Pure:
 * the same bytes give the same answer, so tests can assert every byte.
 * <ul>
 *   <li>no readable 1000 record with a HovedIndberetningID → EP_SK2 {@code REJECTED}, nothing else (there
 *       is nobody to address a fejladvisering to)</li>
 *   <li>a HovedIndberetningID already received → one fejladvisering, status {@code A}, fejlnr
 *       {@value #FEJLNR_ALREADY_RECEIVED} (rule 10)</li>
 *   <li>otherwise the contracts validator decides: structural errors (E, H rules or the 1000 record)
 *       reject the whole file ({@code A}); other errors reject their 5000 group or 2101 ({@code D}); a
 *       fejladvisering lists one 0002 per error; the sumkvittering has one 7100 per pligt-SE, indberetningsid
 *       and feltnr of the accepted 6001 amounts; each accepted 2101 gives a skattekort, one skattekort
 *       forsendelse per abonnent SE</li>
 * </ul>
 */
public final class SkatAnswers {

    /** SKAT's fejlnr for a HovedIndberetningID it has already received (simulator's choice). */
    public static final int FEJLNR_ALREADY_RECEIVED = 1100;
    static final String ALREADY_RECEIVED_TEXT = "Forsendelsen er allerede modtaget (HovedIndberetningID).";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final SkattekortWriter SKATTEKORT_WRITER = new SkattekortWriter();

    private SkatAnswers() {
    }

    /** One document for EP_SK3; {@code hovedIndberetningId} is null for an unsolicited skattekort. */
    public record ReturnDocument(ForsendelseType type, String hovedIndberetningId, String seNummer, byte[] body) {
    }

    /**
     * @param status              EP_SK2 status
     * @param reason              for {@code REJECTED}: why, without payload; else null
     * @param hovedIndberetningId record 1000 field 12, or empty when unreadable
     * @param records             lines in the forsendelse
     * @param documents           what goes on EP_SK3, in order
     */
    public record Answer(SkatMq.Status status, String reason, String hovedIndberetningId, long records,
                         List<ReturnDocument> documents) {
    }

    /**
     * @param alreadyReceived whether SKAT has seen this HovedIndberetningID before (the caller keeps that
     *                        state; pass the id found by {@link #hovedIndberetningId(byte[])})
     * @param today           for a 2101 without a usable date
     */
    public static Answer answer(byte[] bytes, boolean alreadyReceived, LocalDate today) {
        try {
            return answer(() -> new ByteArrayInputStream(bytes), alreadyReceived, today);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@link #answer(byte[], boolean, LocalDate)} for a forsendelse on disk (a large EP_SK1 message), read in
     * streaming passes: the same answer for the same bytes, without holding them.
     */
    public static Answer answer(Path file, boolean alreadyReceived, LocalDate today) throws IOException {
        return answer(() -> new BufferedInputStream(Files.newInputStream(file), 64 * 1024), alreadyReceived, today);
    }

    /** Opens the forsendelse from its start, once per pass. */
    private interface Source {
        InputStream open() throws IOException;
    }

    private static Answer answer(Source source, boolean alreadyReceived, LocalDate today) throws IOException {
        Forsendelse f;
        try (InputStream in = source.open()) {
            f = Forsendelse.read(in);
        }
        String id = f.header().hovedIndberetningId();
        if (id.isEmpty()) {
            return new Answer(SkatMq.Status.REJECTED, "No 1000 record with a Hoved_indberetnings_id.", "", f.lines(),
                    List.of());
        }
        String se = f.header().indberetterSe();
        if (alreadyReceived) {
            Fejladvisering advice = new Fejladvisering(start(f, 'A'), List.of(new Fejlrecord(1, 12, "", "",
                    FEJLNR_ALREADY_RECEIVED, ALREADY_RECEIVED_TEXT, "", "")));
            return new Answer(SkatMq.Status.RECEIVED, null, id, f.lines(),
                    List.of(new ReturnDocument(ForsendelseType.FEJLADVISERING, id, se, advice.render())));
        }
        ValidationResult result;
        try (InputStream in = source.open()) {
            result = EIndkomstValidator.validate(in, ValidationOptions.defaults()
                    .withSystem(CaseSystem.fromHovedIndberetningId(id)));
        }
        List<Finding> errors = result.findings().stream().filter(Finding::isError).toList();
        boolean wholeFile = errors.stream().anyMatch(e -> structural(e, f));
        char status = errors.isEmpty() ? 'M' : wholeFile ? 'A' : 'D';

        List<ReturnDocument> documents = new ArrayList<>();
        if (!errors.isEmpty()) {
            Fejladvisering advice = new Fejladvisering(start(f, status),
                    errors.stream().map(e -> fejlrecord(e, f)).toList());
            documents.add(new ReturnDocument(ForsendelseType.FEJLADVISERING, id, se, advice.render()));
        }
        Set<Long> errorLines = new HashSet<>();
        errors.forEach(e -> errorLines.add(e.line()));
        List<Sumrecord> sums = wholeFile ? List.of() : sums(f, errorLines);
        documents.add(new ReturnDocument(ForsendelseType.SUMKVITTERING, id, se,
                new Sumkvittering(start(f, status), sums).render()));
        if (!wholeFile) {
            documents.addAll(skattekort(f, errorLines, today));
        }
        return new Answer(SkatMq.Status.RECEIVED, null, id, f.lines(), documents);
    }

    /** Record 1000 field 12 as SKAT reads it, or empty: the key of the "already received" rule. */
    public static String hovedIndberetningId(byte[] bytes) {
        return Forsendelse.read(bytes).header().hovedIndberetningId();
    }

    /** {@link #hovedIndberetningId(byte[])} for a forsendelse on disk, in one streaming pass. */
    public static String hovedIndberetningId(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            return Forsendelse.read(in).header().hovedIndberetningId();
        }
    }

    /** A skattekort forsendelse with one card, as SKAT sends it after a change (forskudsopgørelse). */
    public static ReturnDocument unsolicited(Skattekort card) {
        return new ReturnDocument(ForsendelseType.SKATTEKORT, null, card.abonnentSENummer(),
                SKATTEKORT_WRITER.write(new SkattekortForsendelse(List.of(card))));
    }

    private static boolean structural(Finding e, Forsendelse f) {
        char kind = e.rule().charAt(0);
        return kind == 'E' || kind == 'H' || e.line() <= 1 || "1000".equals(e.recordType())
                || "9999".equals(e.recordType()) || e.line() == f.lines();
    }

    private static Startrecord start(Forsendelse f, char status) {
        Forsendelse.Header h = f.header();
        return new Startrecord(h.hovedIndberetningId(), h.datoSendt(), h.klokSendt(), h.indberetterSe(),
                h.edbSystem(), status);
    }

    private static Fejlrecord fejlrecord(Finding e, Forsendelse f) {
        Forsendelse.LineContext ctx = f.context(e.line());
        String text = e.message().length() > 80 ? e.message().substring(0, 80) : e.message();
        return new Fejlrecord(Math.min(e.line(), 9_999_999), e.field() > 99 ? 0 : e.field(), ctx.indberetningsId(),
                ctx.pligtSe(), fejlnr(e.rule()), text, "", "");
    }

    /** Rule code to a four-digit fejlnr: E → 10xx, F → 20xx, H → 30xx, K → 40xx, others 90xx. */
    static int fejlnr(String rule) {
        int base = switch (rule.charAt(0)) {
            case 'E' -> 1000;
            case 'F' -> 2000;
            case 'H' -> 3000;
            case 'K' -> 4000;
            default -> 9000;
        };
        try {
            return base + Integer.parseInt(rule.substring(1)) % 100;
        } catch (NumberFormatException e) {
            return base;
        }
    }

    private static List<Sumrecord> sums(Forsendelse f, Set<Long> errorLines) {
        List<Sumrecord> sums = new ArrayList<>();
        for (Forsendelse.Group g : f.groups()) {
            if (g.pligtSe.isEmpty() || errorLines.stream().anyMatch(g::contains)) {
                continue;
            }
            for (Map.Entry<Integer, long[]> e : g.sums.entrySet()) {
                long signed = e.getValue()[1];
                sums.add(new Sumrecord(g.pligtSe, g.indberetningsId, g.periodeStart, g.periodeSlut, e.getKey(),
                        e.getValue()[0], Math.abs(signed), signed < 0 ? '-' : '+', f.header().edbSystem()));
            }
        }
        return sums;
    }

    private static List<ReturnDocument> skattekort(Forsendelse f, Set<Long> errorLines, LocalDate today) {
        Map<String, List<Skattekort>> bySubscriber = new LinkedHashMap<>();
        for (Forsendelse.Employment e : f.employments()) {
            if (errorLines.contains(e.line()) || e.pligtSe().isEmpty() || e.cpr().length() != 10) {
                continue;
            }
            LocalDate from = date(e.anvendesFra(), date(e.ansaettelsesdato(), today));
            bySubscriber.computeIfAbsent(e.pligtSe(), k -> new ArrayList<>())
                    .add(DeterministicSkattekort.of(e.cpr(), e.pligtSe(), e.skattekortType(), from, 1));
        }
        String id = f.header().hovedIndberetningId();
        return bySubscriber.entrySet().stream()
                .map(s -> new ReturnDocument(ForsendelseType.SKATTEKORT, id, s.getKey(),
                        SKATTEKORT_WRITER.write(new SkattekortForsendelse(s.getValue()))))
                .toList();
    }

    private static LocalDate date(String yyyyMMdd, LocalDate otherwise) {
        try {
            return yyyyMMdd.length() == 8 ? LocalDate.parse(yyyyMMdd, DATE) : otherwise;
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }
}
