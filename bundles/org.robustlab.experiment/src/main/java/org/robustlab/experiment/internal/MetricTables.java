package org.robustlab.experiment.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.robustlab.core.io.AtomicFiles;
import org.robustlab.core.metric.MetricValue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Flat views of metric records: a CSV file with one row per value, and lookups for the report. */
final class MetricTables {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricTables() {}

    /** A metric value with the condition it was measured under. */
    record Row(String condition, String attack, double epsilon, MetricValue value) {}

    static List<Row> rows(List<MetricRecord> records) {
        List<Row> rows = new ArrayList<>();
        for (MetricRecord record : records) {
            if (record.succeeded()) {
                record.result()
                        .values()
                        .forEach(value ->
                                rows.add(new Row(record.condition(), record.attack(), record.epsilon(), value)));
            }
        }
        return rows;
    }

    /** Returns the first value matching {@code filter}. */
    static Optional<Row> find(List<Row> rows, Predicate<Row> filter) {
        return rows.stream().filter(filter).findFirst();
    }

    static void writeCsv(Path file, List<MetricRecord> records) throws IOException {
        writeCsv(file, records, false);
    }

    /**
     * Writes one row per value. With {@code withParameters} a last column holds the effective parameters of the
     * metric as JSON, which tells apart results of one metric run with different parameters.
     */
    static void writeCsv(Path file, List<MetricRecord> records, boolean withParameters) throws IOException {
        StringBuilder csv = new StringBuilder("condition,attack,epsilon,metric,name,model,label,value,lower,upper,"
                + "attributes" + (withParameters ? ",parameters" : "") + "\n");
        for (MetricRecord record : records) {
            String parameters = withParameters && record.succeeded()
                    ? "," + quote(json(record.result().parameters()))
                    : "";
            for (Row row : rows(List.of(record))) {
                append(csv, row, parameters);
            }
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private static void append(StringBuilder csv, Row row, String parameters) {
        MetricValue value = row.value();
        csv.append(String.join(
                        ",",
                        row.condition(),
                        quote(row.attack()),
                        number(row.epsilon()),
                        quote(value.metric()),
                        quote(value.name()),
                        quote(value.model()),
                        quote(value.label()),
                        number(value.value()),
                        number(value.lower()),
                        number(value.upper()),
                        quote(json(value.attributes()))))
                .append(parameters)
                .append('\n');
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.6g", value);
    }

    private static String json(Map<String, Object> attributes) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(attributes));
        } catch (JsonProcessingException e) {
            return String.valueOf(attributes);
        }
    }

    /** Quotes a CSV field as RFC 4180 does when it contains a comma, quote or line break. */
    static String quote(String field) {
        if (field == null) {
            return "";
        }
        if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
