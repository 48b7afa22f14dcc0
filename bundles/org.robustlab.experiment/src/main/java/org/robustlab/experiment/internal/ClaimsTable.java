package org.robustlab.experiment.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.robustlab.core.metric.MetricValue;
import org.robustlab.core.model.Normalization;
import org.robustlab.experiment.Claim;
import org.robustlab.experiment.Claim.Verdict;
import org.robustlab.experiment.ModelSection;

/**
 * Checks the two claims of Han et al. (2021) against a run's metric values.
 *
 * <ol>
 *   <li>Dual-BN clean AUROC is not worse than the baseline's: it holds when the dual-BN model's AUROC is higher,
 *       or lower without significance (paired DeLong test, two-sided p &ge; 0.05); it fails when it is
 *       significantly lower.</li>
 *   <li>Adversarially trained saliency localises the lesion better than the baseline's: for each localisation
 *       score and saliency method it holds when the model scores higher with a paired test p &lt; 0.05, fails
 *       when it scores significantly lower, and is inconclusive otherwise.</li>
 * </ol>
 *
 * Values are found by name: AUROC values contain {@code auroc} in their name; paired comparisons name the model
 * pair as {@code "<model> vs <baseline>"} and carry a {@code p-value} attribute.
 */
final class ClaimsTable {

    static final double ALPHA = 0.05;

    private static final String CLEAN_CLAIM = "Dual-BN clean AUROC is not worse than standard training's";

    private static final String SALIENCY_CLAIM =
            "Adversarially trained saliency localises the lesion better than standard training's";

    private final List<MetricTables.Row> rows;

    private final String baseline;

    ClaimsTable(List<MetricRecord> records, String baseline) {
        this.rows = MetricTables.rows(records);
        this.baseline = baseline;
    }

    List<Claim> claims(List<ModelSection> models, java.util.function.Function<ModelSection, Normalization> norms) {
        List<Claim> claims = new ArrayList<>();
        for (ModelSection model : models) {
            if (!model.name().equals(baseline) && norms.apply(model) == Normalization.DUAL) {
                claims.add(cleanAurocClaim(model.name()));
            }
        }
        if (claims.isEmpty()) {
            claims.add(new Claim(CLEAN_CLAIM, "-", "the experiment trains no dual-BN model", Verdict.NOT_MEASURED));
        }
        for (ModelSection model : models) {
            if (!model.name().equals(baseline)) {
                claims.addAll(saliencyClaims(model.name()));
            }
        }
        return claims;
    }

    private Claim cleanAurocClaim(String model) {
        String comparison = model + " vs " + baseline;
        Optional<MetricTables.Row> own = summary(MetricRecord.CLEAN, "auroc", model);
        Optional<MetricTables.Row> base = summary(MetricRecord.CLEAN, "auroc", baseline);
        if (own.isEmpty() || base.isEmpty()) {
            return new Claim(
                    CLEAN_CLAIM,
                    comparison,
                    "no clean AUROC of both models; add an AUROC metric to" + " evaluation.metrics",
                    Verdict.NOT_MEASURED);
        }
        double difference = own.get().value().value() - base.get().value().value();
        Optional<Double> p = pairedP(
                MetricRecord.CLEAN,
                "auroc",
                model,
                own.get().value().label(),
                own.get().value());
        String evidence = String.format(
                Locale.ROOT,
                "AUROC %s %s vs %s %s; difference %+.3f%s",
                model,
                withInterval(own.get().value()),
                baseline,
                withInterval(base.get().value()),
                difference,
                p.map(value -> String.format(Locale.ROOT, ", DeLong p = %.3g", value))
                        .orElse(", no paired test"));
        Verdict verdict;
        if (difference >= 0) {
            verdict = Verdict.HOLDS;
        } else if (p.isEmpty()) {
            verdict = Verdict.INCONCLUSIVE;
        } else {
            verdict = p.get() < ALPHA ? Verdict.DOES_NOT_HOLD : Verdict.HOLDS;
        }
        return new Claim(CLEAN_CLAIM, comparison, evidence, verdict);
    }

    private List<Claim> saliencyClaims(String model) {
        List<Claim> claims = new ArrayList<>();
        for (MetricTables.Row row : rows) {
            MetricValue value = row.value();
            if (!row.condition().equals(MetricRecord.SALIENCY)
                    || !value.model().equals(model)
                    || !isLocalisation(value.name())) {
                continue;
            }
            Optional<MetricTables.Row> base = MetricTables.find(
                    rows,
                    other -> other.condition().equals(MetricRecord.SALIENCY)
                            && other.value().model().equals(baseline)
                            && other.value().name().equals(value.name())
                            && other.value().label().equals(value.label())
                            && other.value().metric().equals(value.metric())
                            && sameMethod(other.value(), value));
            if (base.isEmpty()) {
                continue;
            }
            claims.add(saliencyClaim(model, value, base.get().value()));
        }
        if (claims.isEmpty()) {
            claims.add(new Claim(
                    SALIENCY_CLAIM,
                    model + " vs " + baseline,
                    "no localisation score of both models; add saliency methods and a localisation metric"
                            + " (pointing game, energy in mask) on a dataset with masks",
                    Verdict.NOT_MEASURED));
        }
        return claims;
    }

    private Claim saliencyClaim(String model, MetricValue own, MetricValue base) {
        String method = method(own);
        String comparison = model + " vs " + baseline + ", " + own.name() + (method.isEmpty() ? "" : ", " + method);
        double difference = own.value() - base.value();
        Optional<Double> p = pairedP(MetricRecord.SALIENCY, own.name(), model, own.label(), own);
        String evidence = String.format(
                Locale.ROOT,
                "%s %s %s vs %s %s; difference %+.3f%s",
                own.name(),
                model,
                withInterval(own),
                baseline,
                withInterval(base),
                difference,
                p.map(ClaimsTable::pairedEvidence).orElse(", no paired test"));
        Verdict verdict = Verdict.INCONCLUSIVE;
        if (p.isPresent() && p.get() < ALPHA) {
            verdict = difference > 0 ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD;
        }
        return new Claim(SALIENCY_CLAIM, comparison, evidence, verdict);
    }

    /** Formats the p-value of the paired test, which is NaN when every paired difference is zero. */
    private static String pairedEvidence(double p) {
        return Double.isNaN(p)
                ? ", no paired test possible: every paired difference is zero"
                : String.format(Locale.ROOT, ", paired p = %.3g", p);
    }

    private Optional<MetricTables.Row> summary(String condition, String name, String model) {
        Optional<MetricTables.Row> all = MetricTables.find(
                rows,
                row -> row.condition().equals(condition)
                        && contains(row.value().name(), name)
                        && row.value().model().equals(model)
                        && row.value().label().equals("all"));
        return all.isPresent()
                ? all
                : MetricTables.find(
                        rows,
                        row -> row.condition().equals(condition)
                                && contains(row.value().name(), name)
                                && row.value().model().equals(model));
    }

    /**
     * Returns the p-value of the paired test between {@code model} and the baseline for one label, or for the
     * summary label {@code all}: a test of the summary itself, else the test of the only label that has one (a
     * per-label test such as DeLong's stands for the summary of a single-label task). Saliency tests must be of
     * the same method as {@code scored}.
     */
    private Optional<Double> pairedP(String condition, String name, String model, String label, MetricValue scored) {
        List<MetricTables.Row> tests = rows.stream()
                .filter(row -> row.condition().equals(condition)
                        && isPair(row.value().model(), model)
                        && (contains(row.value().name(), name)
                                || contains(row.value().metric(), name))
                        && sameMethod(row.value(), scored)
                        && row.value().attributes().get("p-value") instanceof Number)
                .toList();
        Optional<MetricTables.Row> test =
                tests.stream().filter(row -> row.value().label().equals(label)).findFirst();
        if (test.isEmpty() && label.equals("all")) {
            List<String> labels =
                    tests.stream().map(row -> row.value().label()).distinct().toList();
            test = labels.size() == 1 ? Optional.of(tests.get(0)) : Optional.empty();
        }
        return test.map(row -> ((Number) row.value().attributes().get("p-value")).doubleValue());
    }

    private boolean isPair(String pair, String model) {
        return pair.equals(model + " vs " + baseline) || pair.equals(baseline + " vs " + model);
    }

    private static boolean isLocalisation(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("pointing") || lower.contains("energy") || lower.contains("iou");
    }

    private static boolean sameMethod(MetricValue a, MetricValue b) {
        return method(a).equals(method(b));
    }

    private static String method(MetricValue value) {
        Object method = value.attributes().get("method");
        return method == null ? "" : method.toString();
    }

    private static boolean contains(String text, String part) {
        return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    static String withInterval(MetricValue value) {
        if (Double.isNaN(value.lower()) || Double.isNaN(value.upper())) {
            return String.format(Locale.ROOT, "%.3f", value.value());
        }
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", value.value(), value.lower(), value.upper());
    }
}
