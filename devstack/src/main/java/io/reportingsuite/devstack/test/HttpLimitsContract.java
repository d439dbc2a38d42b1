package io.reportingsuite.devstack.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slow and oversized HTTP requests against one service's HTTP port (issue 14, ARCHITECTURE §6), asserted the same
 * way for every service over raw sockets: a body whose Content-Length is over {@code quarkus.http.limits.max-body-size}
 * is answered 413 after the headers alone (the test never sends it); a chunked body over the limit is cut off while
 * it is being sent; a header block or request line over the limits is refused (431/414/400); a client that stops
 * in the middle of its headers is disconnected within {@code quarkus.http.idle-timeout}; and clients dripping their
 * headers one byte a second do not keep the service from answering others. After each case the service still
 * answers {@code /q/health/live}. A service's test extends it and names a path that takes a request body and the
 * credentials for it.
 *
 * <p>Not asserted, because Vert.x 4.5 (Quarkus 3.34) has no request-header deadline: a client that keeps sending
 * one header byte a second is only cut off when it passes the header limits. It holds one socket and no thread (the
 * event loop is not blocked, which the drip case asserts).
 */
public abstract class HttpLimitsContract {

    /**
     * The {@code quarkus.http.idle-timeout} a service's {@code HttpLimitsTest} runs with (its test profile), instead of
     * the 60 s every service has in production (service-support): the stalled-client case waits one idle timeout, which
     * was a minute of each service's build. Not shorter: the dripping clients write a byte about every second, but on
     * a loaded build machine one round (32 writes and a liveness request of up to 10 s) can take several seconds, and
     * a drip connection closed for idleness would fail that case.
     */
    public static final String TEST_IDLE_TIMEOUT = "15S";

    /** The configuration a service's {@code HttpLimitsTest} profile sets: {@link #TEST_IDLE_TIMEOUT}. */
    public static Map<String, String> testConfig() {
        return Map.of("quarkus.http.idle-timeout", TEST_IDLE_TIMEOUT);
    }

    /**
     * A path that takes a request body (POST) from the caller of {@link #authorization()}; null for a service whose
     * HTTP port reads no request bodies (its body cases are then skipped, not passed).
     */
    protected abstract String bodyPath();

    /** The Authorization header value for {@link #bodyPath()}, or null when it needs none. */
    protected String authorization() {
        return null;
    }

    /** The Content-Type the body path accepts. */
    protected String contentType() {
        return "application/json";
    }

    private static int port() {
        return RestAssured.port;
    }

    /** {@code quarkus.http.limits.max-body-size} as the service reads it (Quarkus' default 10240K). */
    private static long maxBodyBytes() {
        String value = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", String.class)
                .orElse("10240K").trim().toUpperCase();
        char unit = value.charAt(value.length() - 1);
        long factor = switch (unit) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Long.parseLong(factor == 1 ? value : value.substring(0, value.length() - 1)) * factor;
    }

    /** {@code quarkus.http.idle-timeout} as the service reads it (Quarkus' default 30M). */
    private static Duration idleTimeout() {
        String value = ConfigProvider.getConfig().getOptionalValue("quarkus.http.idle-timeout", String.class)
                .orElse("30M").trim().toUpperCase();
        if (value.startsWith("P")) {
            return Duration.parse(value);
        }
        return Duration.parse(Character.isDigit(value.charAt(value.length() - 1)) ? "PT" + value + "S" : "PT" + value);
    }

    private String head(String method, String path, String... headers) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (authorization() != null) {
            head.append("Authorization: ").append(authorization()).append("\r\n");
        }
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private static Socket connect(Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port()), 5000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        return socket;
    }

    /** The status code of the first response line, or -1 when the connection was closed without one. */
    private static int status(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                line.write(b);
            }
        } catch (SocketException closed) {
            // Reset by the server: no status.
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.startsWith("HTTP/1.1 ") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
    }

    /** The service answers a plain request after the attack. */
    private static void stillServing(String after) throws IOException {
        try (Socket socket = connect(Duration.ofSeconds(30))) {
            socket.getOutputStream().write(("GET /q/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(200, status(socket.getInputStream()), "liveness after " + after);
        }
    }

    /**
     * One plain request before each case: with its own test profile ({@link #testConfig()}) the class runs on a
     * freshly started application, whose first requests load classes on the event loop (seconds on a loaded build
     * machine) that a case would otherwise count against its bound.
     */
    @BeforeEach
    void serviceAnswersBeforeTheCase() throws IOException {
        stillServing("the start");
    }

    @Test
    void aDeclaredOversizedBodyIs413BeforeItIsSent() throws Exception {
        Assumptions.assumeTrue(bodyPath() != null, "the service reads no request bodies");
        long declared = maxBodyBytes() * 16 + 1;
        try (Socket socket = connect(Duration.ofSeconds(20))) {
            OutputStream out = socket.getOutputStream();
            out.write(head("POST", bodyPath(), "Content-Type: " + contentType(), "Content-Length: " + declared)
                    .getBytes(StandardCharsets.ISO_8859_1));
            // A first piece of the body only: the answer must not wait for the rest.
            out.write(new byte[16 * 1024]);
            out.flush();
            long start = System.nanoTime();
            assertEquals(413, status(socket.getInputStream()), "Content-Length " + declared + " over the limit");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(20)) < 0);
        }
        stillServing("a declared oversized body");
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffWhileBeingSent() throws Exception {
        Assumptions.assumeTrue(bodyPath() != null, "the service reads no request bodies");
        long limit = maxBodyBytes();
        // More than the limit plus whatever the loopback socket buffers absorb: a server that kept reading would
        // let the writer finish; one that stopped the body makes its writes fail.
        long budget = limit + 64L * 1024 * 1024;
        AtomicLong sent = new AtomicLong();
        AtomicBoolean cutOff = new AtomicBoolean();
        try (Socket socket = connect(Duration.ofSeconds(60))) {
            OutputStream out = socket.getOutputStream();
            out.write(head("POST", bodyPath(), "Content-Type: " + contentType(), "Transfer-Encoding: chunked")
                    .getBytes(StandardCharsets.ISO_8859_1));
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) ' ');
                byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                try {
                    while (sent.get() < budget) {
                        out.write(size);
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        sent.addAndGet(chunk.length);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException closedByTheServer) {
                    cutOff.set(true);
                }
            }, "oversized-chunked-writer");
            writer.setDaemon(true);
            writer.start();
            int status = status(socket.getInputStream());
            assertTrue(status == 413 || status == -1, "413 or the connection closed, not " + status);
            writer.join(60_000);
            assertTrue(cutOff.get(), "the server stopped the body: its connection refused further bytes ("
                    + sent.get() + " bytes sent, limit " + limit + ")");
        }
        stillServing("an oversized chunked body");
    }

    @Test
    void oversizedHeadersAndRequestLinesAreRefused() throws Exception {
        try (Socket socket = connect(Duration.ofSeconds(20))) {
            socket.getOutputStream().write(head("GET", "/q/health/live", "X-Padding: " + "a".repeat(64 * 1024))
                    .getBytes(StandardCharsets.ISO_8859_1));
            int status = status(socket.getInputStream());
            assertTrue(status == 431 || status == 400 || status == 413, "header block of 64 KiB: " + status);
        }
        try (Socket socket = connect(Duration.ofSeconds(20))) {
            socket.getOutputStream().write(head("GET", "/q/health/live?" + "a".repeat(64 * 1024))
                    .getBytes(StandardCharsets.ISO_8859_1));
            // Vert.x answers 414, or closes the connection while the line is still arriving (-1: no answer).
            int status = status(socket.getInputStream());
            assertTrue(status == 414 || status == 400 || status == 431 || status == -1, "request line of 64 KiB: "
                    + status);
        }
        stillServing("oversized headers");
    }

    @Test
    void aClientThatStopsInItsHeadersIsDisconnectedWithinTheIdleTimeout() throws Exception {
        Duration idle = idleTimeout();
        Duration bound = idle.plusSeconds(30);
        try (Socket socket = connect(bound)) {
            socket.getOutputStream().write("GET /q/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pending: "
                    .getBytes(StandardCharsets.ISO_8859_1));
            long start = System.nanoTime();
            try {
                int read = socket.getInputStream().read();
                assertTrue(read == -1 || status(socket.getInputStream()) != 200, "no answer to half a request");
            } catch (SocketTimeoutException stillOpen) {
                fail("the connection is still open " + bound + " after the client stopped (idle timeout " + idle + ")");
            } catch (SocketException reset) {
                // Closed by the server.
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(bound) < 0, "closed after " + took);
        }
        stillServing("a stalled client");
    }

    @Test
    void clientsDrippingTheirHeadersDoNotKeepTheServiceFromAnswering() throws Exception {
        List<Socket> drips = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                Socket socket = connect(Duration.ofSeconds(30));
                socket.getOutputStream().write("GET /q/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                        .getBytes(StandardCharsets.ISO_8859_1));
                drips.add(socket);
            }
            for (int second = 0; second < 5; second++) {
                for (Socket socket : drips) {
                    socket.getOutputStream().write('a');
                }
                long start = System.nanoTime();
                stillServing("32 dripping clients, second " + second);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "answered in " + took + " beside the drips");
                Thread.sleep(1000);
            }
        } finally {
            for (Socket socket : drips) {
                socket.close();
            }
        }
        stillServing("dripping clients");
    }
}
