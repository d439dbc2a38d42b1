package io.reportingsuite.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.EIndkomstGenerator;
import io.reportingsuite.contracts.messaging.Addresses;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.SharedDevStack;
import io.reportingsuite.ingest.store.Forsendelse;
import io.reportingsuite.ingest.support.ForsendelseQueue;
import io.reportingsuite.ingest.support.Samples;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ForsendelsePublisher#publishFile} against the real embedded broker: a file above
 * {@code ingest.large-message-threshold} (1 MiB in tests) arrives on {@code eindkomst.forsendelser.large} as an
 * Artemis large message, byte-identical, durable, with the message contract and the duplicate id, once even
 * when published twice; a smaller file still goes on {@code eindkomst.forsendelser} over AMQP.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class LargeForsendelsePublishTest {

    @Inject
    ForsendelsePublisher publisher;

    private final List<Path> files = new ArrayList<>();

    @AfterEach
    void deleteFiles() throws Exception {
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void aFileAboveTheThresholdIsStreamedAsOneLargeMessageOnceEvenWhenPublishedTwice() throws Exception {
        String id = Samples.newId('A');
        Path file = generate(id, 120_000);
        Forsendelse f = forsendelse(id, file);

        publisher.publishFile(f, "KOMBIT_KY", file);
        publisher.publishFile(f, "KOMBIT_KY", file);

        List<Taken> taken = takeLarge(id, 1_000);
        assertThat(taken).as("one message: the broker dropped the second by its duplicate id").hasSize(1);
        Taken m = taken.get(0);
        assertThat(m.large()).as("an Artemis large message").isTrue();
        assertThat(m.durable()).isTrue();
        assertThat(m.size()).isEqualTo(Files.size(file));
        assertThat(m.sha256()).isEqualTo(f.contentSha256());
        assertThat(m.properties())
                .containsEntry(MessageProperties.HOVED_INDBERETNING_ID, id)
                .containsEntry(MessageProperties.FORSENDELSE_TYPE, "INDBERETNING")
                .containsEntry(MessageProperties.SYSTEM, "KY")
                .containsEntry(MessageProperties.CHANNEL, "SFTP")
                .containsEntry(MessageProperties.AFSENDER, "KOMBIT_KY")
                .containsEntry(MessageProperties.CONTENT_SHA256, f.contentSha256())
                .containsEntry(MessageProperties.DUPLICATE_ID,
                        ForsendelsePublisher.duplicateId(id, f.contentSha256()));
        assertThat(ForsendelseQueue.take(id, 200)).as("nothing on the AMQP queue").isEmpty();
    }

    @Test
    void aFileBelowTheThresholdStillGoesOnTheAmqpQueue() throws Exception {
        String id = Samples.newId('A');
        Path file = generate(id, 2_000);
        Forsendelse f = forsendelse(id, file);

        publisher.publishFile(f, "KOMBIT_KY", file);

        List<ForsendelseQueue.Received> amqp = ForsendelseQueue.take(id, 1_000);
        assertThat(amqp).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo(Files.readAllBytes(file)));
        assertThat(takeLarge(id, 200)).isEmpty();
    }

    private Path generate(String id, long records) throws Exception {
        Path file = Files.createTempFile("styret-", ".txt");
        files.add(file);
        try (InputStream in = new EIndkomstGenerator(CaseSystem.KY, id, records)) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static Forsendelse forsendelse(String id, Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return new Forsendelse(id, HexFormat.of().formatHex(sha.digest()), "KY", "SFTP", "13748136",
                Files.size(file), 0, 0, 0, Instant.now(), null, Forsendelse.State.RECEIVED);
    }

    private record Taken(boolean large, boolean durable, long size, String sha256, Map<String, Object> properties) {
    }

    /** Takes (streaming, hashing on the way) every large message for {@code id}. */
    private static List<Taken> takeLarge(String id, long waitMillis) throws Exception {
        List<Taken> taken = new ArrayList<>();
        try (ServerLocator locator = ActiveMQClient.createServerLocator(SharedDevStack.get().broker().coreUrl());
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession()) {
            session.start();
            try (ClientConsumer consumer = session.createConsumer(SimpleString.of(Addresses.FORSENDELSER_LARGE),
                    SimpleString.of(MessageProperties.HOVED_INDBERETNING_ID + " = '" + id + "'"))) {
                ClientMessage m;
                while ((m = consumer.receive(waitMillis)) != null) {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    long[] size = {0};
                    try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha) {
                        @Override
                        public void write(byte[] b, int off, int len) throws java.io.IOException {
                            size[0] += len;
                            super.write(b, off, len);
                        }
                    }) {
                        m.saveToOutputStream(out);
                    }
                    m.acknowledge();
                    Map<String, Object> properties = new HashMap<>();
                    for (SimpleString name : m.getPropertyNames()) {
                        Object value = m.getObjectProperty(name);
                        properties.put(name.toString(), value == null ? null : value.toString());
                    }
                    taken.add(new Taken(m.isLargeMessage(), m.isDurable(), size[0],
                            HexFormat.of().formatHex(sha.digest()), properties));
                }
            }
        }
        return taken;
    }
}
