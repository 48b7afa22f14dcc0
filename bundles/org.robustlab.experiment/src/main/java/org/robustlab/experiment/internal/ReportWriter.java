package org.robustlab.experiment.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.robustlab.core.data.DatasetManifest;
import org.robustlab.core.metric.MetricValue;
import org.robustlab.experiment.Claim;
import org.robustlab.experiment.report.Html;
import org.robustlab.experiment.report.SvgChart;
import org.robustlab.experiment.store.MetricPoint;

/**
 * Writes the run report as one self-contained HTML file: styles inline, charts as inline SVG and images as
 * base64 data URIs, so it can be mailed or archived alone.
 */
final class ReportWriter {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;line-height:1.4}
            h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
            table{border-collapse:collapse;margin:.8em 0}td,th{border:1px solid #ccc;padding:.25em .6em;
            text-align:left;vertical-align:top;font-size:.92em}th{background:#f3f3f3}
            .meta{color:#555}.holds{color:#1b7f3b;font-weight:bold}.does-not-hold{color:#b3261e;font-weight:bold}
            .inconclusive{color:#8a6d00;font-weight:bold}.not-measured{color:#666}
            pre{background:#f7f7f7;padding:1em;overflow:auto;font-size:.85em}
            .grid td{padding:2px;text-align:center}.grid img{display:block}.note{background:#fff8e1;padding:.6em}
            """;

    private final ReportInput input;

    private final StringBuilder html = new StringBuilder();

    ReportWriter(ReportInput input) {
        this.input = input;
    }

    String write() {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Robustlab report: ")
                .append(Html.escape(input.experiment().name()))
                .append("</title>\n<style>")
                .append(STYLE)
                .append("</style></head><body>\n");
        header();
        claims();
        data();
        training();
        cleanResults();
        robustness();
        saliency();
        problems();
        configuration();
        html.append("</body></html>\n");
        return html.toString();
    }

    private void header() {
        html.append("<h1>")
                .append(Html.escape(input.experiment().name()))
                .append("</h1>\n<p class=\"meta\">Run ")
                .append(Html.escape(input.runId()))
                .append(", report written ")
                .append(Html.escape(input.generatedAt()))
                .append(", engine ")
                .append(Html.escape(input.engine()))
                .append(
                        input.experiment().profile().isEmpty()
                                ? ""
                                : ", profile " + Html.escape(input.experiment().profile()))
                .append(".</p>\n");
        if (!input.experiment().description().isBlank()) {
            html.append("<p>")
                    .append(Html.escape(input.experiment().description()))
                    .append("</p>\n");
        }
    }

    private void claims() {
        html.append("<h2 id=\"claims\">Claims of Han et al. (2021) on this run</h2>\n<table>\n")
                .append(Html.row(true, "Claim", "Comparison", "Evidence", "Verdict"));
        for (Claim claim : input.claims()) {
            String css = claim.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-');
            html.append("<tr><td>")
                    .append(Html.escape(claim.claim()))
                    .append("</td><td>")
                    .append(Html.escape(claim.comparison()))
                    .append("</td><td>")
                    .append(Html.escape(claim.evidence()))
                    .append("</td><td class=\"")
                    .append(css)
                    .append("\">")
                    .append(claim.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<p class=\"meta\">Criteria: significance level ")
                .append(ClaimsTable.ALPHA)
                .append("; AUROC compared with the paired DeLong test, localisation scores with the paired test the"
                        + " localisation metric reports. Reference: T. Han et al., Nature Communications 12, 4315"
                        + " (2021).</p>\n");
    }

    private void data() {
        DatasetManifest manifest = input.data().manifest();
        html.append("<h2 id=\"data\">Data</h2>\n<table>\n")
                .append(Html.row(false, "Dataset", manifest.name() + " (importer " + manifest.importer() + ")"))
                .append(Html.row(false, "Task", manifest.task() + ", labels " + manifest.labels()))
                .append(Html.row(
                        false,
                        "Images",
                        manifest.channels() + " x " + manifest.height() + " x " + manifest.width() + ", "
                                + manifest.intensity() + ", " + manifest.interpolation()))
                .append(Html.row(
                        false, "Samples per split", String.valueOf(new LinkedHashMap<>(manifest.splitCounts()))))
                .append(Html.row(false, "Split seed", Long.toString(manifest.seed())))
                .append(Html.row(false, "Content hash", manifest.contentHash()))
                .append("</table>\n");
        Object note = manifest.parameters().get("note");
        if (note != null) {
            html.append("<p class=\"note\">")
                    .append(Html.escape(note.toString()))
                    .append("</p>\n");
        }
    }

    private void training() {
        html.append("<h2 id=\"training\">Training</h2>\n");
        List<SvgChart.Series> loss = new ArrayList<>();
        List<SvgChart.Series> validation = new ArrayList<>();
        input.histories().forEach((model, metrics) -> {
            series(model, metrics.get("train/loss")).ifPresent(loss::add);
            series(model, metrics.get("validation/loss")).ifPresent(validation::add);
        });
        if (!loss.isEmpty()) {
            html.append(SvgChart.lines("Training loss per epoch", "epoch", "mean loss", loss));
        }
        if (!validation.isEmpty()) {
            html.append(SvgChart.lines("Validation loss (clean branch)", "epoch", "mean loss", validation));
        }
    }

    private static java.util.Optional<SvgChart.Series> series(String name, List<MetricPoint> points) {
        if (points == null || points.isEmpty()) {
            return java.util.Optional.empty();
        }
        double[] x = points.stream().mapToDouble(MetricPoint::step).toArray();
        double[] y = points.stream().mapToDouble(MetricPoint::value).toArray();
        return java.util.Optional.of(new SvgChart.Series(name, x, y, null, null));
    }

    private void cleanResults() {
        html.append("<h2 id=\"clean\">Clean test images</h2>\n");
        valueTable(MetricTables.rows(input.results().metrics()).stream()
                .filter(row -> row.condition().equals(MetricRecord.CLEAN))
                .map(MetricTables.Row::value)
                .toList());
    }

    private void robustness() {
        html.append("<h2 id=\"robustness\">Robustness</h2>\n");
        List<MetricTables.Row> attacked = MetricTables.rows(input.results().metrics()).stream()
                .filter(row -> row.condition().equals(MetricRecord.ATTACK))
                .toList();
        if (attacked.isEmpty()) {
            html.append("<p>No attack sweep was evaluated with a prediction metric.</p>\n");
            return;
        }
        Set<String> curves = new LinkedHashSet<>();
        attacked.forEach(row -> curves.add(row.attack() + "|" + row.value().metric() + "|"
                + row.value().name() + "|" + row.value().label()));
        for (String curve : curves) {
            String[] parts = curve.split("\\|", -1);
            robustnessChart(attacked, parts[0], parts[1], parts[2], parts[3]);
        }
        html.append("<p class=\"meta\">Dual-BN models are attacked and scored through the branch each attack names"
                + " (evaluation.attacks[].branch); the curves start at epsilon 0, the clean images.</p>\n");
    }

    private void robustnessChart(List<MetricTables.Row> rows, String attack, String metric, String name, String label) {
        Map<String, List<MetricValue>> byModel = new LinkedHashMap<>();
        Map<String, List<Double>> epsilons = new LinkedHashMap<>();
        for (MetricTables.Row row : rows) {
            MetricValue value = row.value();
            if (row.attack().equals(attack)
                    && value.metric().equals(metric)
                    && value.name().equals(name)
                    && value.label().equals(label)
                    && !value.model().contains(" vs ")) {
                byModel.computeIfAbsent(value.model(), m -> new ArrayList<>()).add(value);
                epsilons.computeIfAbsent(value.model(), m -> new ArrayList<>()).add(row.epsilon());
            }
        }
        List<SvgChart.Series> series = new ArrayList<>();
        byModel.forEach((model, values) -> series.add(new SvgChart.Series(
                model,
                epsilons.get(model).stream().mapToDouble(Double::doubleValue).toArray(),
                values.stream().mapToDouble(MetricValue::value).toArray(),
                values.stream().mapToDouble(MetricValue::lower).toArray(),
                values.stream().mapToDouble(MetricValue::upper).toArray())));
        if (!series.isEmpty()) {
            html.append(SvgChart.lines(name + " (" + label + ") under " + attack, "epsilon", name, series));
        }
    }

    private void saliency() {
        html.append("<h2 id=\"saliency\">Saliency</h2>\n");
        if (input.results().saliency() == null) {
            html.append("<p>No saliency method was configured.</p>\n");
            return;
        }
        valueTable(MetricTables.rows(input.results().metrics()).stream()
                .filter(row -> row.condition().equals(MetricRecord.SALIENCY))
                .map(MetricTables.Row::value)
                .toList());
        grid();
    }

    private void grid() {
        List<SaliencyGridWriter.Cell> cells = input.cells();
        if (cells.isEmpty()) {
            return;
        }
        List<String> methods = new ArrayList<>(
                input.results().saliency().maps().values().iterator().next().keySet());
        html.append("<p>Saliency grid: each block is one test image (lesion mask outlined in green); rows are models,"
                + " columns the input and the saliency methods. Maps are shown as in Han et al. (2021): absolute"
                + " value, clipped at mean + 3 SD, scaled to [0, 1].</p>\n<table class=\"grid\">\n<tr><th>case</th>"
                + "<th>model</th><th>input</th>");
        methods.forEach(
                method -> html.append("<th>").append(Html.escape(method)).append("</th>"));
        html.append("</tr>\n");
        Map<String, SaliencyGridWriter.Cell> inputs = new LinkedHashMap<>();
        cells.stream().filter(cell -> cell.model().isEmpty()).forEach(cell -> inputs.put(cell.caseLabel(), cell));
        for (SaliencyGridWriter.Cell image : inputs.values()) {
            for (String model : input.results().saliency().maps().keySet()) {
                html.append("<tr><td>")
                        .append(image.caseLabel())
                        .append("</td><td>")
                        .append(Html.escape(model))
                        .append("</td><td>")
                        .append(img(image))
                        .append("</td>");
                for (String method : methods) {
                    cells.stream()
                            .filter(cell -> cell.caseLabel().equals(image.caseLabel())
                                    && cell.model().equals(model)
                                    && cell.method().equals(method))
                            .findFirst()
                            .ifPresent(cell ->
                                    html.append("<td>").append(img(cell)).append("</td>"));
                }
                html.append("</tr>\n");
            }
        }
        html.append("</table>\n");
    }

    private static String img(SaliencyGridWriter.Cell cell) {
        return "<img alt=\"" + Html.escape(cell.caseLabel() + " " + cell.model() + " " + cell.method())
                + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(cell.png()) + "\">";
    }

    private void valueTable(List<MetricValue> values) {
        if (values.isEmpty()) {
            html.append("<p>No values.</p>\n");
            return;
        }
        html.append("<table>\n")
                .append(Html.row(true, "Metric", "Measure", "Model", "Label", "Value [95% CI]", "Details"));
        for (MetricValue value : values) {
            html.append(Html.row(
                    false,
                    value.metric(),
                    value.name(),
                    value.model(),
                    value.label(),
                    ClaimsTable.withInterval(value),
                    details(value)));
        }
        html.append("</table>\n");
    }

    private static String details(MetricValue value) {
        List<String> parts = new ArrayList<>();
        value.attributes()
                .forEach((key, attribute) -> parts.add(key + " "
                        + (attribute instanceof Double number
                                ? String.format(Locale.ROOT, "%.4g", number)
                                : String.valueOf(attribute))));
        parts.sort(null);
        return String.join(", ", parts);
    }

    private void problems() {
        List<MetricRecord> failed = input.results().metrics().stream()
                .filter(record -> !record.succeeded())
                .toList();
        List<String> notes = new ArrayList<>();
        input.results().metrics().stream()
                .filter(MetricRecord::succeeded)
                .forEach(record -> record.result().notes().forEach(note -> notes.add(record.metric() + ": " + note)));
        if (failed.isEmpty() && notes.isEmpty()) {
            return;
        }
        html.append("<h2 id=\"notes\">Notes, skipped and failed metrics</h2>\n<ul>\n");
        new LinkedHashSet<>(notes)
                .forEach(note -> html.append("<li>").append(Html.escape(note)).append("</li>\n"));
        failed.forEach(record -> html.append("<li>")
                .append(Html.escape(record.metric() + " (" + record.condition()
                        + (record.attack().isEmpty() ? "" : " " + record.attack() + " epsilon " + record.epsilon())
                        + "): "
                        + record.problem()))
                .append("</li>\n"));
        html.append("</ul>\n");
    }

    private void configuration() {
        html.append("<h2 id=\"configuration\">Effective configuration</h2>\n<pre>")
                .append(Html.escape(input.effectiveYaml()))
                .append("</pre>\n");
    }
}
