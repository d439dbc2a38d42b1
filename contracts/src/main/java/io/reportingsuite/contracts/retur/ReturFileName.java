package io.reportingsuite.contracts.retur;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Return-file names of SPEC §2.5: {@code <HovedIndberetningID>_<SUMKVIT|FEJLADV>_<yyyyMMddHHmmssSSS>.txt}. */
public final class ReturFileName {

    public enum Type {
        SUMKVIT,
        FEJLADV
    }

    private static final Pattern ID = Pattern.compile("[AB][A-Za-z0-9]{15}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    private ReturFileName() {
    }

    public static String of(String hovedIndberetningId, Type type, LocalDateTime created) {
        if (hovedIndberetningId == null || !ID.matcher(hovedIndberetningId).matches()) {
            throw new IllegalArgumentException("HovedIndberetningID must be A or B followed by 15 letters or "
                    + "digits.");
        }
        return hovedIndberetningId + "_" + type + "_" + created.format(STAMP) + ".txt";
    }
}
