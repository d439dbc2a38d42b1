package io.reportingsuite.contracts.eindkomst.json;

import io.reportingsuite.contracts.finding.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Which JSON object every line of an encoded file came from, and which of its properties were present, so
 * that a validator finding (line, field) names the exact JSON pointer. Built by the encoder as it writes;
 * nothing is guessed afterwards.
 */
public final class SourceMap {

    private record Line(String pointer, ForsendelseJsonModel.RecordMapping mapping, long presentFields) {
    }

    private final List<Line> lines = new ArrayList<>();

    void add(String pointer, ForsendelseJsonModel.RecordMapping mapping, long presentFields) {
        lines.add(new Line(pointer, mapping, presentFields));
    }

    /** Lines recorded so far. */
    public int size() {
        return lines.size();
    }

    /** The pointer of the object written as this 1-based line, or {@code ""} when none (9999, beyond). */
    public String pointerOfLine(long line) {
        return line < 1 || line > lines.size() ? "" : lines.get((int) (line - 1)).pointer();
    }

    /** The JSON pointer a finding about the encoded file belongs to (see {@link PointedFinding#pointer()}). */
    public String pointer(Finding f) {
        if (f.line() < 1 || f.line() > lines.size()) {
            return "";
        }
        Line line = lines.get((int) (f.line() - 1));
        if (f.field() > 0 && f.field() < 64 && line.mapping() != null
                && (line.presentFields() & (1L << f.field())) != 0) {
            ForsendelseJsonModel.Property p = line.mapping().propertyOf(f.field());
            if (p != null) {
                return line.pointer() + "/" + p.name();
            }
        }
        return line.pointer();
    }

    public List<PointedFinding> point(List<Finding> findings) {
        return findings.stream().map(f -> new PointedFinding(f, pointer(f))).toList();
    }
}
