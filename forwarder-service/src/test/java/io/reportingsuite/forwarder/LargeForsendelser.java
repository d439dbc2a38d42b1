package io.reportingsuite.forwarder;

import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.EIndkomstGenerator;
import io.reportingsuite.contracts.messaging.Addresses;
import io.reportingsuite.contracts.messaging.ForsendelseType;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.devstack.test.SharedDevStack;
import io.reportingsuite.support.messaging.LargeMessages;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Large forsendelser for tests, and their hand-off as ingest-service makes it: a valid KY file of about the
 * requested size written by the contracts generator, sent to {@code eindkomst.forsendelser.large} as an Artemis
 * large message streamed from the file ({@code ForsendelsePublisher.publishFile} above the threshold).
 */
final class LargeForsendelser {

    /** Average line of the generator's KY files, CR/LF included. */
    private static final double BYTES_PER_LINE = 45.4;

    private LargeForsendelser() {
    }

    /** A generated file and its hash. */
    record File(Path path, long size, String sha256) {
    }

    static File generate(String id, long approximateBytes) throws Exception {
        Path path = Files.createTempFile("large-forsendelse-", ".txt");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long records = Math.max(EIndkomstGenerator.MIN_RECORDS, (long) (approximateBytes / BYTES_PER_LINE));
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = new EIndkomstGenerator(CaseSystem.KY, id, records);
             OutputStream out = Files.newOutputStream(path)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                sha.update(buffer, 0, n);
                size += n;
            }
        }
        return new File(path, size, HexFormat.of().formatHex(sha.digest()));
    }

    /** The properties ingest-service puts on a forsendelse; {@code contentSha256} as it recorded it. */
    static Map<String, Object> properties(String id, String contentSha256) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(MessageProperties.HOVED_INDBERETNING_ID, id);
        p.put(MessageProperties.FORSENDELSE_TYPE, ForsendelseType.INDBERETNING.name());
        p.put(MessageProperties.SE_NUMMER, "13748136");
        p.put(MessageProperties.SYSTEM, "KY");
        p.put(MessageProperties.AFSENDER, "KOMBIT_KY");
        p.put(MessageProperties.CHANNEL, "SFTP");
        p.put(MessageProperties.CONTENT_SHA256, contentSha256);
        p.put(MessageProperties.DUPLICATE_ID, id + ":" + contentSha256);
        return p;
    }

    /** Sends like ingest-service: persistent, streamed from the file, returns when the broker stored it. */
    static void send(Path file, Map<String, Object> properties) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(SharedDevStack.get().broker().coreUrl());
        try (factory; Connection c = factory.createConnection();
             InputStream body = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(Addresses.FORSENDELSER_LARGE));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            p.send(LargeMessages.streamed(s, body, properties));
        }
    }

    static void delete(File file) throws IOException {
        Files.deleteIfExists(file.path());
    }
}
