package io.reportingsuite.support.messaging;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.Data;

/**
 * The one reader of an incoming AMQP body as bytes, whichever section type the sender used.
 *
 * <p>Every producer in the suite sends a data section (raw bytes). A text body ({@code amqp-value} string)
 * is a document whose bytes a foreign producer decoded to characters; it is encoded back in the document's
 * own charset (the caller passes it: {@code ForsendelseType#charset()}, ISO-8859-1 for the eIndkomst
 * records, UTF-8 for skattekort XML), which restores the original bytes. A character that charset cannot
 * hold means the text was never such a document: refused, never replaced by {@code ?}.
 */
public final class AmqpBody {

    private AmqpBody() {
    }

    /** The body cannot be read as a document: missing, of a section type that carries no bytes, or bad text. */
    public static final class UnreadableBody extends IllegalArgumentException {
        UnreadableBody(String message) {
            super(message);
        }
    }

    /**
     * @param payload     the message payload as the AMQP connector hands it over
     * @param textCharset the document's charset, used only for a text body
     * @throws UnreadableBody for a missing body, an unknown body type, or text the charset cannot encode
     */
    public static byte[] bytes(Object payload, Charset textCharset) {
        if (payload instanceof byte[] b) {
            return b;
        }
        if (payload instanceof io.vertx.core.buffer.Buffer b) {
            return b.getBytes();
        }
        if (payload instanceof io.vertx.mutiny.core.buffer.Buffer b) {
            return b.getBytes();
        }
        if (payload instanceof Data data) {
            return copy(data.getValue());
        }
        if (payload instanceof Binary binary) {
            return copy(binary);
        }
        if (payload instanceof String text) {
            return encode(text, textCharset);
        }
        if (payload == null) {
            throw new UnreadableBody("The AMQP message has no body.");
        }
        throw new UnreadableBody("The AMQP body is a " + payload.getClass().getSimpleName()
                + ", not bytes or text.");
    }

    private static byte[] copy(Binary binary) {
        if (binary == null) {
            throw new UnreadableBody("The AMQP data section is empty.");
        }
        byte[] out = new byte[binary.getLength()];
        System.arraycopy(binary.getArray(), binary.getArrayOffset(), out, 0, binary.getLength());
        return out;
    }

    private static byte[] encode(String text, Charset charset) {
        CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer encoded = encoder.encode(CharBuffer.wrap(text));
            byte[] out = new byte[encoded.remaining()];
            encoded.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new UnreadableBody("The text body has characters that " + charset.name() + " cannot encode.");
        }
    }
}
