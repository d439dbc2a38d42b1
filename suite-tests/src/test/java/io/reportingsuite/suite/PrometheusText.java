package io.reportingsuite.suite;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /q/metrics} (Prometheus text format), as series: name, labels, value. An
 * OpenMetrics exemplar after the value ({@code # {trace_id=…} v t}, present while tracing is on) is ignored.
 */
final class PrometheusText {

    record Series(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*?)})?\\s+(\\S+).*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Series> series;

    private PrometheusText(List<Series> series) {
        this.series = series;
    }

    static PrometheusText scrape(String baseUrl) {
        String text = given().get(baseUrl + "/q/metrics").then().statusCode(200).extract().asString();
        List<Series> series = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not a Prometheus series line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            series.add(new Series(m.group(1), labels, value(m.group(3))));
        }
        return new PrometheusText(series);
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** The series of {@code name} whose labels include {@code labels} (pairs: name, value). */
    List<Series> find(String name, String... labels) {
        return series.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    /** The sum over the matching series; fails when there is none (the metric is not exposed). */
    double sum(String name, String... labels) {
        List<Series> found = find(name, labels);
        if (found.isEmpty()) {
            throw new AssertionError("no series " + name + " " + List.of(labels) + "; exposed: "
                    + series.stream().map(Series::name).filter(n -> n.startsWith(name.split("_")[0])).distinct().toList());
        }
        return found.stream().mapToDouble(Series::value).sum();
    }

    List<Series> all() {
        return series;
    }
}
