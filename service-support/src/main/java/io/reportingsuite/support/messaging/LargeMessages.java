package io.reportingsuite.support.messaging;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * Artemis large messages through its JMS client (core protocol), the way forsendelser above ingest's
 * large-message threshold travel: the body is streamed from an {@link InputStream} when sent and into an
 * {@link OutputStream} when received, in chunks, so neither side holds it in memory. The broker keeps such a
 * message in its large-messages directory, not in the journal records (ARCHITECTURE §3: durable).
 */
public final class LargeMessages {

    /** Artemis JMS: the message body is read from this {@link InputStream} while the message is sent. */
    public static final String INPUT_STREAM = "JMS_AMQ_InputStream";
    /** Artemis JMS: writes the received body into this {@link OutputStream}, blocking until all of it is written. */
    public static final String SAVE_STREAM = "JMS_AMQ_SaveStream";
    /** Artemis: the message becomes visible to consumers at this time (epoch millis). */
    public static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";
    /** Artemis: the address a dead-lettered message came from (the broker's own dead-letter copies carry it). */
    public static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    /** JMS: how often this message has been delivered, 1 on the first delivery. */
    public static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    /** How many leading bytes of a saved body {@link Saved#head()} keeps: far more than one record 1000. */
    public static final int HEAD_BYTES = 4096;

    private LargeMessages() {
    }

    /**
     * A bytes message whose body will be streamed from {@code body} when it is sent, with the given properties
     * (strings, numbers, booleans). The caller sends it and closes {@code body} afterwards.
     */
    public static BytesMessage streamed(Session session, InputStream body, Map<String, ?> properties)
            throws JMSException {
        BytesMessage message = session.createBytesMessage();
        for (Map.Entry<String, ?> p : properties.entrySet()) {
            message.setObjectProperty(p.getKey(), p.getValue());
        }
        message.setObjectProperty(INPUT_STREAM, body);
        return message;
    }

    /**
     * What {@link #save} wrote.
     *
     * @param file   where the body is now
     * @param size   bytes written
     * @param sha256 lower-case hex SHA-256 of the body, computed while it was written
     * @param head   its first bytes (up to {@link #HEAD_BYTES}), for checks that read only the first record
     */
    public record Saved(Path file, long size, String sha256, byte[] head) {
    }

    /**
     * Streams a received message's body into {@code file} (replaced), hashing it on the way. Works for a large
     * message (read chunk by chunk from the broker) and an ordinary one alike.
     *
     * @throws JMSException when the broker connection fails while the body is read
     */
    public static Saved save(BytesMessage message, Path file) throws JMSException, IOException {
        MessageDigest sha = sha256();
        try (HeadKeeper head = new HeadKeeper(new DigestOutputStream(
                new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024), sha))) {
            message.setObjectProperty(SAVE_STREAM, head);
            head.flush();
            return new Saved(file, head.count, HexFormat.of().formatHex(sha.digest()), head.head());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Counts what passes and keeps the first {@link #HEAD_BYTES} of it. */
    private static final class HeadKeeper extends FilterOutputStream {
        private final byte[] head = new byte[HEAD_BYTES];
        private long count;

        HeadKeeper(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (count < HEAD_BYTES) {
                head[(int) count] = (byte) b;
            }
            count++;
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (count < HEAD_BYTES) {
                System.arraycopy(b, off, head, (int) count, (int) Math.min(len, HEAD_BYTES - count));
            }
            count += len;
            out.write(b, off, len);
        }

        byte[] head() {
            return Arrays.copyOf(head, (int) Math.min(count, HEAD_BYTES));
        }
    }
}
