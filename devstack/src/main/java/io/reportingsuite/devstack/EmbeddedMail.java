package io.reportingsuite.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) on 127.0.0.1 that accepts every mail for every address, without TLS or
 * authentication: the local run's and the tests' stand-in for a municipality's mail relay (receipt-service
 * sends its retention warnings here, SPEC §2.4). What arrived can be read back as recipients and subjects
 * only ({@link #received()}); bodies are never shown, because a mail in general may carry personal data.
 */
public final class EmbeddedMail implements AutoCloseable {

    /** Fixed SMTP port of the local run ({@code ./suite up}); tests use a free one. */
    public static final int DEFAULT_PORT = 2525;

    /** One received mail: the envelope recipients and the subject, never the body. */
    public record Received(List<String> recipients, String subject) {
    }

    private final GreenMail server;
    private final int port;

    private EmbeddedMail(GreenMail server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts the server on {@code port} (0: a free loopback port). */
    public static EmbeddedMail start(int port) {
        int bound = FreePorts.orFree(port);
        GreenMail server = new GreenMail(new ServerSetup(bound, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return new EmbeddedMail(server, bound);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int smtpPort() {
        return port;
    }

    /** Every mail received since the start, oldest first: recipients and subject only. */
    public List<Received> received() {
        // GreenMail keeps one copy per recipient's mailbox; one mail is one entry (its Message-ID).
        Map<String, Received> received = new LinkedHashMap<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                Address[] to = message.getAllRecipients();
                String id = message.getMessageID() != null ? message.getMessageID() : "#" + received.size();
                received.putIfAbsent(id, new Received(to == null ? List.of()
                        : Arrays.stream(to).map(Address::toString).toList(), message.getSubject()));
            } catch (MessagingException e) {
                received.put("#" + received.size(),
                        new Received(List.of(), "(unreadable message: " + e.getClass().getSimpleName() + ")"));
            }
        }
        return new ArrayList<>(received.values());
    }

    @Override
    public void close() {
        server.stop();
    }
}
