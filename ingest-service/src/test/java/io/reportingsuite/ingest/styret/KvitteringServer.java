package io.reportingsuite.ingest.styret;

import com.sun.net.httpserver.HttpServer;
import io.reportingsuite.devstack.FreePorts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A case system's kvittering service for the tests: a real HTTP endpoint on a free loopback port that reads
 * the SOAP TechnicalReceipt ingest-service sends, records it and answers a KvitteringResponse. It can be taken
 * down (the port refuses connections) and brought up again on the same port.
 */
public final class KvitteringServer {

    private static final String TYPES = "http://serviceplatformen.dk/xml/wsdl/soap11/SFTP/1/types";

    /** One recorded kvittering. */
    public record Received(String fileTransferUuid, String sendersFileId, String result, List<Error> errors,
                           Instant at) {
    }

    /** One ErrorMessage. */
    public record Error(int code, String codeDescription, String description) {
    }

    /** The port, the same for every application start in this JVM (the registry points there). */
    public static final int PORT = Integer.parseInt(jvmWide("ingest-test.kvittering-port", () -> "" + FreePorts.next()));
    public static final String URL = "http://127.0.0.1:" + PORT + "/kvittering";

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    static synchronized String jvmWide(String key, java.util.function.Supplier<String> initial) {
        String value = System.getProperty(key);
        if (value == null) {
            value = initial.get();
            System.setProperty(key, value);
        }
        return value;
    }

    public synchronized void up() throws IOException {
        if (server != null) {
            return;
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), PORT), 16);
        server.createContext("/kvittering", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = 200;
            String answer;
            try {
                received.add(parse(body));
                answer = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
                        + "<t:KvitteringResponse xmlns:t=\"" + TYPES + "\"><t:ResponseMessage>OK</t:ResponseMessage>"
                        + "</t:KvitteringResponse></soapenv:Body></soapenv:Envelope>";
            } catch (Exception e) {
                status = 500;
                answer = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
                        + "<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>unreadable</faultstring>"
                        + "</soapenv:Fault></soapenv:Body></soapenv:Envelope>";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public List<Received> receivedFor(String sendersFileId) {
        return received.stream().filter(r -> sendersFileId.equals(r.sendersFileId())).toList();
    }

    private static Received parse(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        Element receipt = (Element) doc.getElementsByTagNameNS(TYPES, "TechnicalReceipt").item(0);
        List<Error> errors = new ArrayList<>();
        NodeList messages = receipt.getElementsByTagNameNS(TYPES, "ErrorMessage");
        for (int i = 0; i < messages.getLength(); i++) {
            Element m = (Element) messages.item(i);
            errors.add(new Error(Integer.parseInt(text(m, "ErrorCode")), text(m, "ErrorCodeDescription"),
                    text(m, "ErrorDescription")));
        }
        return new Received(text(receipt, "FileTransferUUID"), text(receipt, "SendersFileId"), text(receipt, "Message"),
                errors, Instant.now());
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(TYPES, name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }
}
