package io.reportingsuite.contracts.batch;

import io.reportingsuite.contracts.finding.Finding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides, from the file names present in one folder, which transmissions are complete and ready
 * (SPEC §5.1): GO present, every data part 1..n present, and in production (R) one FS per data part.
 * A transmission without GO is still being uploaded and is reported as pending, not as an error.
 */
public final class TransmissionScanner {

    /** A file's kind does not belong in the folder (FO in IN, FI in OUT). */
    public static final String RULE_KIND_NOT_IN_FOLDER = "T01";
    /** A file's environment letter does not match the folder (T in IN, R in INTEST, ...). */
    public static final String RULE_ENVIRONMENT_NOT_FOLDER = "T02";
    /** GO present without any data file. */
    public static final String RULE_GO_WITHOUT_DATA = "T03";
    /** GO present but a data part is missing. */
    public static final String RULE_PART_MISSING = "T04";
    /** A data or signature file's number of parts differs from the GO file's. */
    public static final String RULE_PARTS_MISMATCH = "T05";
    /** Production transmission with a data part that has no FS. */
    public static final String RULE_SIGNATURE_MISSING = "T06";
    /** FS file without the data file it would sign. */
    public static final String RULE_SIGNATURE_WITHOUT_DATA = "T07";

    /** Files that cannot be processed, with the reasons; a transmission's files are rejected together. */
    public record Rejected(List<String> fileNames, List<Finding> findings) {
        public Rejected {
            fileNames = List.copyOf(fileNames);
            findings = List.copyOf(findings);
        }
    }

    public record Result(List<Transmission> ready, List<TransmissionId> pending, List<Rejected> rejected) {
        public Result {
            ready = List.copyOf(ready);
            pending = List.copyOf(pending);
            rejected = List.copyOf(rejected);
        }
    }

    private TransmissionScanner() {
    }

    public static Result scan(BatchFolder folder, Collection<String> fileNames) {
        List<Rejected> rejected = new ArrayList<>();
        Map<TransmissionId, List<BatchFileName>> groups =
                new TreeMap<>(Comparator.comparing(TransmissionId::toString));
        for (String fileName : new TreeSet<>(fileNames)) {
            ParseResult<BatchFileName> parsed = BatchFileName.parse(fileName);
            List<Finding> findings = parsed.isOk() ? placement(folder, parsed.orElseThrow()) : parsed.findings();
            if (findings.isEmpty()) {
                BatchFileName name = parsed.orElseThrow();
                groups.computeIfAbsent(name.transmission(), id -> new ArrayList<>()).add(name);
            } else {
                rejected.add(new Rejected(List.of(fileName), findings));
            }
        }
        List<Transmission> ready = new ArrayList<>();
        List<TransmissionId> pending = new ArrayList<>();
        groups.forEach((id, names) -> {
            BatchFileName go = names.stream().filter(n -> n.kind() == Kind.GO).findFirst().orElse(null);
            if (go == null) {
                pending.add(id);
                return;
            }
            List<BatchFileName> data = names.stream().filter(n -> n.kind() == folder.dataKind())
                    .sorted(Comparator.comparingInt(BatchFileName::part)).toList();
            List<BatchFileName> signatures = names.stream().filter(n -> n.kind() == Kind.FS)
                    .sorted(Comparator.comparingInt(BatchFileName::part)).toList();
            List<Finding> findings = completeness(folder, go, data, signatures);
            Transmission transmission = new Transmission(id, data, signatures, go);
            if (findings.isEmpty()) {
                ready.add(transmission);
            } else {
                rejected.add(new Rejected(transmission.fileNames(), findings));
            }
        });
        return new Result(ready, pending, rejected);
    }

    private static List<Finding> placement(BatchFolder folder, BatchFileName name) {
        List<Finding> findings = new ArrayList<>();
        if (name.kind().isData() && name.kind() != folder.dataKind()) {
            findings.add(error(RULE_KIND_NOT_IN_FOLDER, BatchFileName.Element.KIND,
                    "Files of this kind do not belong in the " + folder + " folder, which holds "
                            + folder.dataKind() + ", FS and GO files."));
        }
        if (name.environment() != folder.environment()) {
            findings.add(error(RULE_ENVIRONMENT_NOT_FOLDER, BatchFileName.Element.ENVIRONMENT,
                    "The environment must be " + folder.environment() + " in the " + folder + " folder."));
        }
        return findings;
    }

    private static List<Finding> completeness(BatchFolder folder, BatchFileName go, List<BatchFileName> data,
                                              List<BatchFileName> signatures) {
        List<Finding> findings = new ArrayList<>();
        Kind dataKind = folder.dataKind();
        if (data.isEmpty()) {
            findings.add(Finding.error(RULE_GO_WITHOUT_DATA, 0, null, 0, null,
                    "The GO file has no " + dataKind + " file with the same purpose, sender, date, sequence"
                            + " and environment."));
            return findings;
        }
        for (BatchFileName file : concat(data, signatures)) {
            if (file.parts() != go.parts()) {
                findings.add(error(RULE_PARTS_MISMATCH, BatchFileName.Element.PARTS, "A " + file.kind()
                        + " file declares " + file.parts() + " parts where the GO file declares " + go.parts()
                        + "."));
            }
        }
        // Without parts on the GO, a data file is present (checked above) and T05 covers its shape.
        for (int part = 1; part <= go.parts(); part++) {
            int wanted = part;
            if (data.stream().noneMatch(d -> d.part() == wanted)) {
                findings.add(error(RULE_PART_MISSING, BatchFileName.Element.PART,
                        dataKind + " part " + wanted + " of " + go.parts() + " is missing."));
            }
        }
        if (folder.environment().requiresSignature()) {
            for (BatchFileName d : data) {
                if (!signatures.contains(d.signature())) {
                    findings.add(error(RULE_SIGNATURE_MISSING, BatchFileName.Element.KIND,
                            "The FS signature of " + describePart(d) + " is missing; real (R) transmissions"
                                    + " need one per " + dataKind + " part."));
                }
            }
        }
        for (BatchFileName fs : signatures) {
            if (data.stream().noneMatch(d -> d.signature().equals(fs))) {
                findings.add(error(RULE_SIGNATURE_WITHOUT_DATA, BatchFileName.Element.KIND,
                        "An FS file signs " + describePart(fs) + ", which is not present."));
            }
        }
        return findings;
    }

    private static String describePart(BatchFileName name) {
        return name.hasParts() ? "part " + name.part() + " of " + name.parts() : "the data file";
    }

    private static List<BatchFileName> concat(List<BatchFileName> a, List<BatchFileName> b) {
        List<BatchFileName> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Finding error(String rule, BatchFileName.Element element, String message) {
        return Finding.error(rule, 0, null, element.number(), element.label(), message);
    }
}
