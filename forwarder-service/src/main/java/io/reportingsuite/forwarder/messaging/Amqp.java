package io.reportingsuite.forwarder.messaging;

import java.nio.charset.StandardCharsets;

/** Reads an incoming AMQP body as bytes, whichever section type the sender used. */
final class Amqp {

    private Amqp() {
    }

    /** The body of an incoming AMQP message as bytes (a data section, or a string as ISO-8859-1). */
    static byte[] bytes(Object payload) {
        if (payload instanceof byte[] b) {
            return b;
        }
        if (payload instanceof io.vertx.core.buffer.Buffer b) {
            return b.getBytes();
        }
        if (payload instanceof io.vertx.mutiny.core.buffer.Buffer b) {
            return b.getBytes();
        }
        if (payload instanceof String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        return new byte[0];
    }
}
