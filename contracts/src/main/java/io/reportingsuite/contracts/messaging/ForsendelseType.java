package io.reportingsuite.contracts.messaging;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The kinds of forsendelse that travel between the platform and SKAT (SPEC §2.7). */
public enum ForsendelseType {
    INDBERETNING(StandardCharsets.ISO_8859_1),
    SUMKVITTERING(StandardCharsets.ISO_8859_1),
    FEJLADVISERING(StandardCharsets.ISO_8859_1),
    SKATTEKORT(StandardCharsets.UTF_8);

    private final Charset charset;

    ForsendelseType(Charset charset) {
        this.charset = charset;
    }

    /**
     * The encoding of the document's bytes: the eIndkomst records (indberetning, sumkvittering,
     * fejladvisering) are ISO-8859-1 (SPEC §3.1, §4); a skattekort is an XML document written as UTF-8.
     */
    public Charset charset() {
        return charset;
    }
}
