package io.reportingsuite.contracts.retur;

import java.util.List;
import java.util.Objects;

/** A sumkvittering file (SPEC §4.3, assumption A10): 0001, one 7100 per accepted total, 9999. */
public record Sumkvittering(Startrecord start, List<Sumrecord> sums) {

    public Sumkvittering {
        Objects.requireNonNull(start, "start");
        sums = List.copyOf(sums);
    }

    public byte[] render() {
        return ReturCodec.render(start.toRecord(), sums.stream().map(Sumrecord::toRecord).toList());
    }

    /** Strict parse of ISO-8859-1 bytes; {@code render()} of the result reproduces them. */
    public static Sumkvittering parse(byte[] bytes) {
        List<ReturCodec.Line> lines = ReturCodec.parse(bytes, ReturLayouts.R7100);
        return new Sumkvittering(Startrecord.from(lines.get(0)),
                lines.subList(1, lines.size()).stream().map(Sumrecord::from).toList());
    }
}
