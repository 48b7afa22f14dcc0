package org.robustlab.experiment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.robustlab.core.metric.MetricResult;
import org.robustlab.core.metric.MetricValue;
import org.robustlab.core.model.Normalization;
import org.robustlab.experiment.Claim;
import org.robustlab.experiment.ContributionChoice;
import org.robustlab.experiment.ModelSection;

class ClaimsTableTest {

    record None() {}

    private static final List<ModelSection> MODELS = List.of(
            new ModelSection("standard", new ContributionChoice("standard", new None())),
            new ModelSection("pgd", new ContributionChoice("pgd", new None())),
            new ModelSection("dual-bn", new ContributionChoice("dual-bn", new None())));

    private static Normalization normalization(ModelSection model) {
        return model.name().equals("dual-bn") ? Normalization.DUAL : Normalization.SINGLE;
    }

    private static MetricValue value(String name, String model, double value, Map<String, Object> attributes) {
        return new MetricValue("m", name, model, "lesion", value, value - 0.05, value + 0.05, attributes);
    }

    private static MetricRecord clean(MetricValue... values) {
        return new MetricRecord(
                MetricRecord.CLEAN,
                "",
                Double.NaN,
                "auroc",
                new MetricResult("auroc", Map.of(), List.of(values), Map.of(), List.of()),
                "");
    }

    private static MetricRecord saliency(MetricValue... values) {
        return new MetricRecord(
                MetricRecord.SALIENCY,
                "",
                Double.NaN,
                "localisation",
                new MetricResult("localisation", Map.of(), List.of(values), Map.of(), List.of()),
                "");
    }

    private static List<Claim> claims(MetricRecord... records) {
        return new ClaimsTable(List.of(records), "standard").claims(MODELS, ClaimsTableTest::normalization);
    }

    @Test
    void lowerButNotSignificantAurocHolds() {
        List<Claim> claims = claims(clean(
                value("auroc", "standard", 0.90, Map.of()),
                value("auroc", "dual-bn", 0.88, Map.of()),
                value("auroc-difference", "dual-bn vs standard", -0.02, Map.of("p-value", 0.4))));

        assertThat(claims.get(0).comparison()).isEqualTo("dual-bn vs standard");
        assertThat(claims.get(0).verdict()).isEqualTo(Claim.Verdict.HOLDS);
        assertThat(claims.get(0).evidence()).contains("difference -0.020").contains("DeLong p = 0.4");
    }

    @Test
    void significantlyLowerAurocDoesNotHold() {
        List<Claim> claims = claims(clean(
                value("auroc", "standard", 0.90, Map.of()),
                value("auroc", "dual-bn", 0.80, Map.of()),
                value("auroc-difference", "dual-bn vs standard", -0.1, Map.of("p-value", 0.01))));

        assertThat(claims.get(0).verdict()).isEqualTo(Claim.Verdict.DOES_NOT_HOLD);
    }

    @Test
    void missingAurocIsNotMeasured() {
        assertThat(claims().get(0).verdict()).isEqualTo(Claim.Verdict.NOT_MEASURED);
    }

    @Test
    void significantlyBetterLocalisationHolds() {
        List<Claim> claims = claims(saliency(
                value("pointing-game", "standard", 0.4, Map.of("method", "vanilla-gradient")),
                value("pointing-game", "pgd", 0.7, Map.of("method", "vanilla-gradient")),
                value(
                        "pointing-game",
                        "pgd vs standard",
                        0.3,
                        Map.of("p-value", 0.001, "method", "vanilla-gradient"))));

        Claim pgd = claims.stream()
                .filter(claim -> claim.comparison().startsWith("pgd vs standard"))
                .findFirst()
                .orElseThrow();
        assertThat(pgd.verdict()).isEqualTo(Claim.Verdict.HOLDS);
        assertThat(pgd.comparison()).contains("pointing-game").contains("vanilla-gradient");
    }

    @Test
    void localisationWithoutPairedTestIsInconclusive() {
        List<Claim> claims = claims(saliency(
                value("energy-in-mask", "standard", 0.2, Map.of()), value("energy-in-mask", "pgd", 0.3, Map.of())));

        assertThat(claims).anySatisfy(claim -> {
            assertThat(claim.comparison()).startsWith("pgd vs standard");
            assertThat(claim.verdict()).isEqualTo(Claim.Verdict.INCONCLUSIVE);
        });
    }

    @Test
    void aurocClaimUsesDeLongOfSingleLabel() {
        List<Claim> claims = claims(clean(
                value("auroc", "standard", 0.90, Map.of()),
                summary("mean-auroc", "standard", 0.90),
                value("auroc", "dual-bn", 0.86, Map.of()),
                summary("mean-auroc", "dual-bn", 0.86),
                new MetricValue(
                        "auroc",
                        "delong",
                        "standard vs dual-bn",
                        "lesion",
                        0.04,
                        0.01,
                        0.07,
                        Map.of("p-value", 0.02))));

        Claim dualBn = claims.get(0);
        assertThat(dualBn.comparison()).isEqualTo("dual-bn vs standard");
        assertThat(dualBn.evidence()).contains("DeLong p = 0.02");
        assertThat(dualBn.verdict()).isEqualTo(Claim.Verdict.DOES_NOT_HOLD);
    }

    @Test
    void localisationClaimUsesTestOfSameMethod() {
        List<Claim> claims = claims(saliency(
                summary("pointing-game", "standard", 0.4, "vanilla-gradient"),
                summary("pointing-game", "pgd", 0.7, "vanilla-gradient"),
                summary("pointing-game", "standard", 0.5, "grad-cam"),
                summary("pointing-game", "pgd", 0.55, "grad-cam"),
                test("pointing-game-wilcoxon", "standard vs pgd", -0.3, 0.001, "vanilla-gradient"),
                test("pointing-game-wilcoxon", "standard vs pgd", -0.05, 0.6, "grad-cam")));

        assertThat(claims).anySatisfy(claim -> {
            assertThat(claim.comparison()).isEqualTo("pgd vs standard, pointing-game, vanilla-gradient");
            assertThat(claim.verdict()).isEqualTo(Claim.Verdict.HOLDS);
        });
        assertThat(claims).anySatisfy(claim -> {
            assertThat(claim.comparison()).isEqualTo("pgd vs standard, pointing-game, grad-cam");
            assertThat(claim.evidence()).contains("paired p = 0.6");
            assertThat(claim.verdict()).isEqualTo(Claim.Verdict.INCONCLUSIVE);
        });
    }

    @Test
    void localisationWithAllDifferencesZeroIsInconclusive() {
        List<Claim> claims = claims(saliency(
                summary("pointing-game", "standard", 0.0, "grad-cam"),
                summary("pointing-game", "pgd", 0.0, "grad-cam"),
                test("pointing-game-wilcoxon", "standard vs pgd", 0.0, Double.NaN, "grad-cam")));

        assertThat(claims).anySatisfy(claim -> {
            assertThat(claim.comparison()).isEqualTo("pgd vs standard, pointing-game, grad-cam");
            assertThat(claim.evidence())
                    .contains("every paired difference is zero")
                    .doesNotContain("NaN");
            assertThat(claim.verdict()).isEqualTo(Claim.Verdict.INCONCLUSIVE);
        });
    }

    /** A summary over labels, as the AUROC metric writes it. */
    private static MetricValue summary(String name, String model, double value) {
        return new MetricValue("m", name, model, "all", value, value - 0.05, value + 0.05, Map.of());
    }

    /** A mean over images for one saliency method, as the localisation metric writes it. */
    private static MetricValue summary(String name, String model, double value, String method) {
        return new MetricValue("m", name, model, "all", value, value - 0.05, value + 0.05, Map.of("method", method));
    }

    /** A paired Wilcoxon test between two models for one saliency method, as the localisation metric writes it. */
    private static MetricValue test(String name, String pair, double difference, double p, String method) {
        return new MetricValue(
                "m", name, pair, "all", difference, Double.NaN, Double.NaN, Map.of("p-value", p, "method", method));
    }
}
