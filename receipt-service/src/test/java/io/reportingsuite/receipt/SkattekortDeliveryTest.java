package io.reportingsuite.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.skattekort.KortType;
import io.reportingsuite.contracts.skattekort.Skattekort;
import io.reportingsuite.contracts.skattekort.SkattekortForsendelse;
import io.reportingsuite.contracts.skattekort.SkattekortReader;
import io.reportingsuite.contracts.skattekort.SkattekortWriter;
import io.reportingsuite.receipt.skattekort.BeskedIds;
import io.reportingsuite.receipt.skattekort.HaendelsesbeskedWriter;
import io.vertx.amqp.AmqpMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * EP_FS4 end to end on the real broker: a SKAT skattekort forsendelse becomes one Haendelsesbesked per card
 * on the Beskedfordeler address of the system that subscribes to the card's SE number; replaying the SKAT
 * message publishes nothing new.
 */
@QuarkusTest
@QuarkusTestResource(ReceiptTestResource.class)
class SkattekortDeliveryTest {

    private static final List<String> CPRS = List.of("0101011234", "0202021234", "0303031234", "0404041234",
            "0505051234", "0606061234", "0707071234", "0808081234", "0909091234");
    private static final List<String> LOGGED = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final java.util.logging.Handler CAPTURE = new java.util.logging.Handler() {
        @Override
        public void publish(java.util.logging.LogRecord record) {
            String message = record.getMessage();
            Object[] parameters = record.getParameters();
            LOGGED.add(message + (parameters == null ? "" : java.util.Arrays.toString(parameters))
                    + (record.getThrown() == null ? "" : record.getThrown().toString()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static AmqpTestClient amqp;
    private static BlockingQueue<AmqpMessage> ky;
    private static BlockingQueue<AmqpMessage> ksd;

    @BeforeAll
    static void connect() {
        java.util.logging.Logger.getLogger("").addHandler(CAPTURE);
        amqp = new AmqpTestClient();
        ky = amqp.receive("beskedfordeler.KY");
        ksd = amqp.receive("beskedfordeler.KSD");
    }

    /** Each test reads only its own messages: what an earlier (failed) test left behind is dropped. */
    @BeforeEach
    void drain() {
        ky.clear();
        ksd.clear();
    }

    @AfterAll
    static void disconnect() {
        amqp.close();
        java.util.logging.Logger.getLogger("").removeHandler(CAPTURE);
        // ARCHITECTURE §6: the CPR numbers these cards carry never reach a log line.
        assertThat(LOGGED).as("the capture sees the service log").anyMatch(line -> line.contains("skattekort message"));
        assertThat(LOGGED).noneMatch(line -> CPRS.stream().anyMatch(line::contains));
    }

    @Test
    void threeCardsBecomeThreeMessagesAndAReplayBecomesNone() throws Exception {
        Skattekort first = hovedkort("0101011234", "31500028");
        Skattekort second = bikort("0202021234", "31500036");
        Skattekort third = hovedkort("0303031234", "31500028");
        byte[] forsendelse = new SkattekortWriter().write(new SkattekortForsendelse(List.of(first, second, third)));
        String skatMessageId = "skat-" + UUID.randomUUID();
        String id = Samples.id('A');

        amqp.sendRetur("SKATTEKORT", id, "29800014", "KY", skatMessageId, UUID.randomUUID().toString(), forsendelse);

        List<AmqpMessage> toKy = take(ky, 2);
        List<AmqpMessage> toKsd = take(ksd, 1);
        assertBesked(toKy.get(0), BeskedIds.beskedId(skatMessageId, 1), first);
        assertBesked(toKy.get(1), BeskedIds.beskedId(skatMessageId, 3), third);
        assertBesked(toKsd.get(0), BeskedIds.beskedId(skatMessageId, 2), second);

        // The same SKAT message processed again (past the broker's duplicate detection): nothing new.
        amqp.sendRetur("SKATTEKORT", id, "29800014", "KY", skatMessageId, UUID.randomUUID().toString(), forsendelse);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> ky.isEmpty() && ksd.isEmpty());
    }

    @Test
    void anUnsolicitedCardIsRoutedByItsSubscriberSe() throws Exception {
        Skattekort card = bikort("0404041234", "31500036");
        String skatMessageId = "skat-" + UUID.randomUUID();
        amqp.sendRetur("SKATTEKORT", null, null, null, skatMessageId, UUID.randomUUID().toString(),
                new SkattekortWriter().write(new SkattekortForsendelse(List.of(card))));

        assertBesked(take(ksd, 1).get(0), BeskedIds.beskedId(skatMessageId, 1), card);
    }

    /**
     * SPEC §2.6: the addressee is the kommune behind the card's SE number. KY's three kommune SEs of the
     * local-run registry (service-support's microprofile-config.properties) belong to three kommuner.
     */
    @Test
    void eachCardIsAddressedToTheKommuneOfItsSe() throws Exception {
        Map<String, String> cvrBySe = Map.of("31500028", "29189846", "31500044", "29189854", "31500052", "29189862");
        List<Skattekort> cards = List.of(hovedkort("0505051234", "31500028"), hovedkort("0606061234", "31500044"),
                hovedkort("0707071234", "31500052"));
        String skatMessageId = "skat-" + UUID.randomUUID();
        amqp.sendRetur("SKATTEKORT", Samples.id('A'), "29800014", "KY", skatMessageId, UUID.randomUUID().toString(),
                new SkattekortWriter().write(new SkattekortForsendelse(cards)));

        List<AmqpMessage> toKy = take(ky, 3);
        Set<String> addressees = new HashSet<>();
        for (int i = 0; i < cards.size(); i++) {
            assertBesked(toKy.get(i), BeskedIds.beskedId(skatMessageId, i + 1), cards.get(i));
            Element root = envelope(toKy.get(i));
            String kommune = "urn:oio:cvr-nr:" + cvrBySe.get(cards.get(i).abonnentSENummer());
            assertThat(text(root, "TilladtModtager")).isEqualTo(kommune);
            assertThat(text(root, "ObjektAnsvarligMyndighed")).isEqualTo(kommune);
            addressees.add(text(root, "TilladtModtager"));
        }
        assertThat(addressees).hasSize(3);
    }

    /**
     * A card whose SE is no registered kommune SE (an unknown SE, or an Indberetter SE, which has no kommune)
     * is parked in quarantine with an alert, never addressed to some kommune.
     */
    @Test
    void aCardForNoRegisteredKommuneIsQuarantined() throws Exception {
        List<Skattekort> cards = List.of(hovedkort("0808081234", "31500060"), hovedkort("0909091234", "29800014"));
        String skatMessageId = "skat-" + UUID.randomUUID();
        amqp.sendRetur("SKATTEKORT", Samples.id('A'), "29800014", "KY", skatMessageId, UUID.randomUUID().toString(),
                new SkattekortWriter().write(new SkattekortForsendelse(cards)));

        Path quarantine = ReceiptTestResource.DATA.resolve("quarantine");
        for (int position = 1; position <= cards.size(); position++) {
            Path parked = quarantine.resolve("SKATTEKORT_" + BeskedIds.beskedId(skatMessageId, position) + ".xml");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(parked));
        }
        assertThat(LOGGED).anyMatch(line -> line.contains("ALERT skattekort") && line.contains(skatMessageId));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> ky.isEmpty() && ksd.isEmpty());
    }

    private static List<AmqpMessage> take(BlockingQueue<AmqpMessage> queue, int count) {
        List<AmqpMessage> taken = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            AmqpMessage m;
            while (taken.size() < count && (m = queue.poll()) != null) {
                taken.add(m);
            }
            return taken.size() == count;
        });
        return taken;
    }

    /** The envelope's ids and routing, and the embedded card read back with the contracts' reader. */
    private static void assertBesked(AmqpMessage message, UUID beskedId, Skattekort card) throws Exception {
        assertThat(message.isDurable()).isTrue();
        assertThat(message.applicationProperties().getString("_AMQ_DUPL_ID")).isEqualTo(beskedId.toString());
        Element root = envelope(message);
        assertThat(root.getNamespaceURI()).isEqualTo(HaendelsesbeskedWriter.KUVERT);
        assertThat(root.getLocalName()).isEqualTo("Haendelsesbesked");
        assertThat(text(root, "BeskedId")).isEqualTo(beskedId.toString());
        assertThat(text(root, "BeskedVersion")).isEqualTo("1.0");
        assertThat(text(root, "TilladtModtager")).startsWith("urn:oio:cvr-nr:");
        Element relateret = (Element) root.getElementsByTagNameNS(HaendelsesbeskedWriter.KUVERT, "RelateretObjekt").item(0);
        assertThat(text(relateret, "ObjektId")).isEqualTo("urn:oio:cpr-nr:" + card.cprNummer());
        Element payload = (Element) root.getElementsByTagNameNS("urn:kombit:sf0770b:skattekort:1", "Skattekort").item(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(payload), new StreamResult(out));
        var read = new SkattekortReader().read(out.toByteArray());
        assertThat(read.findings()).isEmpty();
        assertThat(read.skattekort()).containsExactly(card);
    }

    private static Element envelope(AmqpMessage message) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(message.bodyAsBinary().getBytes()));
        return doc.getDocumentElement();
    }

    private static String text(Element root, String element) {
        return root.getElementsByTagNameNS(HaendelsesbeskedWriter.KUVERT, element).item(0).getTextContent().strip();
    }

    private static Skattekort hovedkort(String cpr, String se) {
        return new Skattekort(cpr, se, 2025, KortType.HOVEDKORT, LocalDate.of(2025, 1, 1), new BigDecimal("37.00"),
                null, new BigDecimal("4575.00"), new BigDecimal("2111.00"), new BigDecimal("1056.00"),
                new BigDecimal("150.00"), null, 1);
    }

    private static Skattekort bikort(String cpr, String se) {
        return new Skattekort(cpr, se, 2025, KortType.BIKORT, LocalDate.of(2025, 1, 1), new BigDecimal("41.00"),
                null, null, null, null, null, null, 2);
    }
}
