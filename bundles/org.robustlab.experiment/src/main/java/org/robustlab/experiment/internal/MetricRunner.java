package org.robustlab.experiment.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.robustlab.core.contribution.ContributionException;
import org.robustlab.core.metric.EvaluationInput.Requirement;
import org.robustlab.core.metric.EvaluationMetric;
import org.robustlab.core.metric.MetricResult;
import org.robustlab.experiment.ContributionChoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the experiment's metrics on the evaluation sets. A metric that reads saliency maps or regions runs on the
 * saliency cases; any other metric runs on the clean test images, and a metric that reads only predictions runs
 * again on the scores under each attack budget, which gives robust AUROC and accuracy over the sweep. A metric
 * that fails is reported with its error and the others still run.
 */
final class MetricRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MetricRunner.class);

    /** Scores of the test images under one attack budget. */
    record AttackedSet(String attack, double epsilon, EvaluationData data) {}

    private final RunSession session;

    MetricRunner(RunSession session) {
        this.session = session;
    }

    List<MetricRecord> run(EvaluationData clean, EvaluationData saliency, List<AttackedSet> attacked) {
        return run(session.experiment().evaluation().metrics(), clean, saliency, attacked);
    }

    /** Runs the given metrics instead of the experiment's. */
    List<MetricRecord> run(
            List<ContributionChoice> choices,
            EvaluationData clean,
            EvaluationData saliency,
            List<AttackedSet> attacked) {
        List<MetricRecord> records = new ArrayList<>();
        for (ContributionChoice choice : choices) {
            Set<Requirement> requirements = requirements(choice.id());
            if (requirements.contains(Requirement.SALIENCY) || requirements.contains(Requirement.REGIONS)) {
                records.add(evaluate(choice, MetricRecord.SALIENCY, "", Double.NaN, saliency, requirements));
                continue;
            }
            records.add(evaluate(choice, MetricRecord.CLEAN, "", Double.NaN, clean, requirements));
            if (EnumSet.of(Requirement.PREDICTIONS).containsAll(requirements)) {
                for (AttackedSet set : attacked) {
                    records.add(evaluate(
                            choice, MetricRecord.ATTACK, set.attack(), set.epsilon(), set.data(), requirements));
                }
            }
        }
        return records;
    }

    private Set<Requirement> requirements(String id) {
        Set<Requirement> requirements = EnumSet.noneOf(Requirement.class);
        requirements.addAll(session.catalog().metrics().get(id).requirements());
        return requirements;
    }

    private MetricRecord evaluate(
            ContributionChoice choice,
            String condition,
            String attack,
            double epsilon,
            EvaluationData data,
            Set<Requirement> requirements) {
        if (data == null || !data.available().containsAll(requirements)) {
            Set<Requirement> missing = EnumSet.copyOf(requirements);
            if (data != null) {
                missing.removeAll(data.available());
            }
            String problem = "skipped: the run has no " + missing + " for it (configure saliency methods, or use a"
                    + " dataset with masks or boxes)";
            LOG.warn("Metric {} {}", choice.id(), problem);
            return new MetricRecord(condition, attack, epsilon, choice.id(), null, problem);
        }
        session.checkCancelled();
        try {
            MetricResult result = session.call(
                    session.catalog().metrics(), choice.id(), metric -> evaluate(metric, data, choice.parameters()));
            return new MetricRecord(condition, attack, epsilon, choice.id(), result, "");
        } catch (ContributionException e) {
            LOG.warn(
                    "Metric {} failed on the {} set; the run goes on without it: {}",
                    choice.id(),
                    condition,
                    e.getMessage());
            return new MetricRecord(condition, attack, epsilon, choice.id(), null, "failed: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private MetricResult evaluate(EvaluationMetric<?> metric, EvaluationData data, Record parameters) {
        return ((EvaluationMetric<Record>) metric).evaluate(data, parameters, session.monitor());
    }
}
