package io.reportingsuite.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.junit.jupiter.api.Test;

class AmqpBodyTest {

    /** An eIndkomst line with Danish letters, as ISO-8859-1 bytes (one byte each). */
    private static final byte[] LATIN1 = "0000001Ærø Kommune øst".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void a_byte_array_is_taken_as_it_is() {
        assertThat(AmqpBody.bytes(LATIN1, StandardCharsets.ISO_8859_1)).isSameAs(LATIN1);
    }

    @Test
    void a_vertx_buffer_gives_its_bytes() {
        assertThat(AmqpBody.bytes(io.vertx.core.buffer.Buffer.buffer(LATIN1), StandardCharsets.ISO_8859_1))
                .isEqualTo(LATIN1);
        assertThat(AmqpBody.bytes(io.vertx.mutiny.core.buffer.Buffer.buffer(LATIN1), StandardCharsets.ISO_8859_1))
                .isEqualTo(LATIN1);
    }

    @Test
    void a_data_section_or_binary_gives_exactly_its_slice() {
        byte[] framed = new byte[LATIN1.length + 4];
        System.arraycopy(LATIN1, 0, framed, 2, LATIN1.length);
        Binary slice = new Binary(framed, 2, LATIN1.length);

        assertThat(AmqpBody.bytes(new Data(slice), StandardCharsets.ISO_8859_1)).isEqualTo(LATIN1);
        assertThat(AmqpBody.bytes(slice, StandardCharsets.ISO_8859_1)).isEqualTo(LATIN1);
    }

    @Test
    void a_text_body_is_encoded_back_in_the_documents_charset() {
        String asText = new String(LATIN1, StandardCharsets.ISO_8859_1);
        assertThat(AmqpBody.bytes(asText, StandardCharsets.ISO_8859_1)).isEqualTo(LATIN1);

        byte[] xml = "<Skattekort>Ærø</Skattekort>".getBytes(StandardCharsets.UTF_8);
        assertThat(AmqpBody.bytes(new String(xml, StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(xml);
    }

    @Test
    void text_the_charset_cannot_hold_is_refused_not_replaced() {
        assertThatThrownBy(() -> AmqpBody.bytes("Kommune \u20ac", StandardCharsets.ISO_8859_1))
                .isInstanceOf(AmqpBody.UnreadableBody.class)
                .hasMessage("The text body has characters that ISO-8859-1 cannot encode.");
    }

    @Test
    void a_missing_or_unknown_body_is_a_clear_error() {
        assertThatThrownBy(() -> AmqpBody.bytes(null, StandardCharsets.ISO_8859_1))
                .isInstanceOf(AmqpBody.UnreadableBody.class).hasMessage("The AMQP message has no body.");
        assertThatThrownBy(() -> AmqpBody.bytes(List.of(1, 2), StandardCharsets.ISO_8859_1))
                .isInstanceOf(AmqpBody.UnreadableBody.class)
                .hasMessageStartingWith("The AMQP body is a ").hasMessageEndingWith(", not bytes or text.");
        assertThatThrownBy(() -> AmqpBody.bytes(new Data(null), StandardCharsets.ISO_8859_1))
                .isInstanceOf(AmqpBody.UnreadableBody.class).hasMessage("The AMQP data section is empty.");
    }
}
