package io.reportingsuite.contracts.eindkomst;

import java.util.HashMap;
import java.util.Map;

/**
 * Records per type of one file, for {@link ValidationResult#recordCounts()}: one counter per record type the
 * layouts know, a map for any other four-digit type. A validation used to hold a counter for each of the 10,000
 * possible types (80 kB per call, a tenth of ingest's allocation per SOAP submission in the whole-suite JFR
 * profile); this holds fifteen.
 */
final class RecordTypeCounts {

    /** Slot of each known type in {@link #known} (1-based); 0 for a type without a layout. */
    private static final byte[] SLOT = new byte[10_000];
    private static final int[] TYPE_OF_SLOT;

    static {
        Map<String, RecordSpec> all = RecordLayouts.all();
        TYPE_OF_SLOT = new int[all.size() + 1];
        int slot = 0;
        for (String type : all.keySet()) {
            slot++;
            TYPE_OF_SLOT[slot] = Integer.parseInt(type);
            SLOT[TYPE_OF_SLOT[slot]] = (byte) slot;
        }
    }

    private final long[] known = new long[TYPE_OF_SLOT.length];
    private Map<Integer, Long> other;

    /** Counts one record of {@code type} (0–9999). */
    void add(int type) {
        int slot = SLOT[type];
        if (slot != 0) {
            known[slot]++;
        } else {
            if (other == null) {
                other = new HashMap<>();
            }
            other.merge(type, 1L, Long::sum);
        }
    }

    /** The counts by four-digit type, only the types seen. */
    Map<String, Long> toMap() {
        Map<String, Long> counts = new HashMap<>();
        for (int slot = 1; slot < known.length; slot++) {
            if (known[slot] > 0) {
                counts.put(String.format("%04d", TYPE_OF_SLOT[slot]), known[slot]);
            }
        }
        if (other != null) {
            other.forEach((type, count) -> counts.put(String.format("%04d", type), count));
        }
        return counts;
    }
}
