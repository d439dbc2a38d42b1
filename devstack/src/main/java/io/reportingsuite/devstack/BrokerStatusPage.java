package io.reportingsuite.devstack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A read-only plain-text page of the embedded broker's queues (depth and consumers) and of the mails the
 * embedded SMTP server received (recipients and subject only, never a body), on loopback: the local run's
 * stand-in for the Artemis web console, which the embedded broker does not have, and for a mail client.
 */
final class BrokerStatusPage implements AutoCloseable {

    private final HttpServer server;

    private BrokerStatusPage(HttpServer server) {
        this.server = server;
    }

    static BrokerStatusPage start(EmbeddedBroker broker, EmbeddedMail mail, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            byte[] body = (render(broker) + "\n" + render(mail)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new BrokerStatusPage(server);
    }

    static String render(EmbeddedBroker broker) {
        StringBuilder text = new StringBuilder(String.format("%-28s %-44s %9s %9s%n", "ADDRESS", "QUEUE",
                "MESSAGES", "CONSUMERS"));
        for (EmbeddedBroker.QueueStats q : broker.queues()) {
            text.append(String.format("%-28s %-44s %9d %9d%n", q.address(), q.queue(), q.messages(), q.consumers()));
        }
        return text.toString();
    }

    /** The received mails, one line each: recipients and subject (the bodies stay in the server). */
    static String render(EmbeddedMail mail) {
        var received = mail.received();
        StringBuilder text = new StringBuilder(String.format("MAIL (SMTP %s:%d): %d received%n", mail.host(),
                mail.smtpPort(), received.size()));
        for (EmbeddedMail.Received m : received) {
            text.append(String.format("  to %s: %s%n", String.join(", ", m.recipients()), m.subject()));
        }
        return text.toString();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
