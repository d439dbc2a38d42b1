package io.reportingsuite.contracts.eindkomst;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time tests against plain byte loops, on random data biased towards the edge bytes. */
class SwarTest {

    private static final byte[] EDGES = {'0', '9', '/', ':', ' ', '!', 0x1F, 0x27, 0x7E, 0x7F, (byte) 0x80,
        (byte) 0x9F, (byte) 0xA0, (byte) 0xBA, (byte) 0xC6, (byte) 0xFF, 0x00, 0x20};

    @Test
    void agreesWithPlainLoops() {
        Random random = new Random(11);
        for (int round = 0; round < 50_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            byte fill = (byte) (random.nextBoolean() ? ' ' : '0' + random.nextInt(10));
            for (int i = 0; i < b.length; i++) {
                int pick = random.nextInt(20);
                b[i] = pick < 16 ? (fill == ' ' ? fill : (byte) ('0' + random.nextInt(10)))
                        : EDGES[random.nextInt(EDGES.length)];
            }
            int off = b.length == 0 ? 0 : random.nextInt(b.length);
            int len = b.length - off;
            assertThat(Swar.allDigits(b, off, len)).isEqualTo(plainDigits(b, off, len));
            assertThat(Swar.allBlank(b, off, len)).isEqualTo(plainBlank(b, off, len));
            int suspect = Swar.firstSuspectWord(b, off, off + len);
            for (int i = off; i < suspect; i++) {
                int c = b[i] & 0xFF;
                assertThat(c >= 0x20 && c < 0x7F && c != '\'').as("byte %d skipped", c).isTrue();
            }
        }
    }

    private static boolean plainDigits(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean plainBlank(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != ' ') {
                return false;
            }
        }
        return true;
    }
}
