package io.reportingsuite.contracts.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One complete transmission: the data parts (FI or FO) in part order, their FS signatures and the GO
 * file that closed it, as {@link TransmissionScanner} reports it once complete.
 */
public record Transmission(TransmissionId id, List<BatchFileName> dataParts, List<BatchFileName> signatures,
                           BatchFileName go) {

    public Transmission {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(go, "go");
        dataParts = List.copyOf(dataParts);
        signatures = List.copyOf(signatures);
    }

    /** The FS of a data part, absent in test transmissions that were sent without one. */
    public Optional<BatchFileName> signatureOf(BatchFileName dataPart) {
        BatchFileName expected = dataPart.signature();
        return signatures.stream().filter(expected::equals).findFirst();
    }

    /** Every file of the transmission, GO last, e.g. to move them together once processed. */
    public List<String> fileNames() {
        List<String> names = new ArrayList<>();
        dataParts.forEach(n -> names.add(n.toString()));
        signatures.forEach(n -> names.add(n.toString()));
        names.add(go.toString());
        return names;
    }
}
