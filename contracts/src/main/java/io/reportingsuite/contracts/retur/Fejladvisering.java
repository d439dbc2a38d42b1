package io.reportingsuite.contracts.retur;

import io.reportingsuite.contracts.eindkomst.CaseSystem;
import java.util.List;
import java.util.Objects;

/** A fejladvisering file (SPEC §4.1): 0001, one 0002 per error or warning, 9999. */
public record Fejladvisering(Startrecord start, List<Fejlrecord> fejl) {

    public Fejladvisering {
        Objects.requireNonNull(start, "start");
        fejl = List.copyOf(fejl);
    }

    /**
     * The platform's own fejladvisering (SPEC §4.2): status {@code *}, Edb-system from the ID's prefix, one
     * 0002 with the platform error (Lb_nr 0, feltnr 0) and 9999 counting 3.
     *
     * @param datoSendt       record 1000 Dato_sendt when known, else null
     * @param klokSendt       record 1000 Klok_sendt when known, else null
     * @param indberetterSeNr record 1000 Indberetter_SE-nr when known, else null
     * @throws IllegalArgumentException for an unknown prefix: such an advice must not be routed anywhere
     */
    public static Fejladvisering platform(String hovedIndberetningId, PlatformFejl error, String datoSendt,
                                          String klokSendt, String indberetterSeNr) {
        CaseSystem system = CaseSystem.fromHovedIndberetningId(hovedIndberetningId);
        if (system == null) {
            throw new IllegalArgumentException("The HovedIndberetningID prefix names no case system.");
        }
        Startrecord start = new Startrecord(hovedIndberetningId, datoSendt, klokSendt, indberetterSeNr,
                system.edbSystem(), '*');
        return new Fejladvisering(start, List.of(
                new Fejlrecord(0, 0, "", "", error.fejlnr(), error.fejltekst(), "", "")));
    }

    public byte[] render() {
        return ReturCodec.render(start.toRecord(), fejl.stream().map(Fejlrecord::toRecord).toList());
    }

    /** Strict parse of ISO-8859-1 bytes; {@code render()} of the result reproduces them. */
    public static Fejladvisering parse(byte[] bytes) {
        List<ReturCodec.Line> lines = ReturCodec.parse(bytes, ReturLayouts.R0002);
        return new Fejladvisering(Startrecord.from(lines.get(0)),
                lines.subList(1, lines.size()).stream().map(Fejlrecord::from).toList());
    }
}
