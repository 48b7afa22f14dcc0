package org.robustlab.metrics.robustness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.attack.AttackContext;
import org.robustlab.core.attack.AttackGenerator;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.metric.EvaluationInput;
import org.robustlab.core.metric.EvaluationMetric;
import org.robustlab.core.metric.MetricResult;
import org.robustlab.core.metric.MetricValue;
import org.robustlab.core.model.Branch;
import org.robustlab.core.parameter.Parameter;
import org.robustlab.core.parameter.ParameterBinder;
import org.robustlab.metrics.EvaluationData;
import org.robustlab.metrics.ModelScores;
import org.robustlab.metrics.classification.AurocMetric;

/**
 * Robust accuracy and AUROC over a sweep of perturbation budgets, for any installed attack. For each model and
 * epsilon the attack (by id from the attack registry, with its default parameters and {@code epsilon} set, and
 * {@code stepSize} set to {@code stepSizeFactor x epsilon} when the attack has one) perturbs the evaluation images
 * away from their true labels; the model then scores the perturbed images. Han et al. (2021) sweep 21 values from
 * 0 to 0.01 with step size epsilon / 2 and attack and predict dual-BN models through the adversarial branch.
 *
 * <p>Values per epsilon (attribute {@code epsilon}): {@code robust-accuracy} (arg-max accuracy for softmax heads,
 * accuracy at probability 0.5 over all labels for sigmoid heads) and {@code robust-auroc} per label; curves {@code
 * robust-accuracy/<model>} and {@code robust-auroc/<model>/<label>} against epsilon. Higher is better.
 */
@Component(service = EvaluationMetric.class)
@ContributionMetadata(
        id = "robustness-sweep",
        label = "Robustness over epsilon",
        description = "Robust accuracy and per-label AUROC of every model under any installed attack over a sweep of"
                + " epsilons.")
public final class RobustnessSweepMetric implements EvaluationMetric<RobustnessSweepMetric.Parameters> {

    /** The batch-norm branch that the attack and the prediction go through. */
    public enum BranchChoice {
        /** The branch through which the evaluation scores each model on clean images. */
        EVALUATION,
        /** The clean branch. */
        CLEAN,
        /** The adversarial branch, as Han et al. (2021) do for dual-BN models. */
        ADVERSARIAL
    }

    /**
     * Parameters of the robustness sweep.
     *
     * @param attack the attack id
     * @param epsilons the perturbation budgets, in input units
     * @param stepSizeFactor the attack's step size as a multiple of epsilon; 0 keeps the attack's default
     * @param branch the branch to attack and predict through
     * @param batchSize largest number of images per attack call
     */
    public record Parameters(
            @Parameter(description = "Id of the attack from the attack registry")
            String attack,

            @Parameter(description = "Perturbation budgets", unit = "input units", min = 0)
            double[] epsilons,

            @Parameter(description = "Step size as a multiple of epsilon; 0 keeps the attack's default", min = 0)
            double stepSizeFactor,

            @Parameter(description = "Branch to attack and predict through")
            BranchChoice branch,

            @Parameter(description = "Largest number of images per attack call", min = 1)
            int batchSize) {

        public Parameters {
            Objects.requireNonNull(attack, "attack");
            Objects.requireNonNull(branch, "branch");
            epsilons = epsilons.clone();
            for (double epsilon : epsilons) {
                if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
                    throw new IllegalArgumentException("epsilons must be finite and >= 0, got " + epsilon);
                }
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
        }

        @Override
        public double[] epsilons() {
            return epsilons.clone();
        }
    }

    static final String ID = "robustness-sweep";

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public Parameters defaultParameters() {
        double[] epsilons = new double[21];
        Arrays.setAll(epsilons, k -> k * 0.0005);
        return new Parameters("pgd", epsilons, 0.5, BranchChoice.EVALUATION, 16);
    }

    @Override
    public Set<EvaluationInput.Requirement> requirements() {
        return Set.of(EvaluationInput.Requirement.MODELS);
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, Parameters parameters, IProgressMonitor monitor) {
        List<MetricValue> values = new ArrayList<>();
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        for (String model : input.modelNames()) {
            Branch branch = branch(input, model, parameters.branch());
            for (double epsilon : parameters.epsilons()) {
                INDArray adversarial = input.attacks()
                        .call(parameters.attack(), attack -> attack(attack, input, model, branch, epsilon, parameters));
                INDArray scores =
                        ModelScores.probabilities(input.model(model), adversarial, branch, parameters.batchSize());
                sweepPoint(input, model, epsilon, scores, values, curves);
                monitor.worked(1);
            }
        }
        return new MetricResult(
                ID,
                ParameterBinder.toMap(parameters),
                values,
                curves,
                List.of("Higher robust accuracy and AUROC are better. Attack: " + parameters.attack()
                        + " with its default"
                        + " parameters, epsilon swept"
                        + (parameters.stepSizeFactor() > 0
                                ? ", step size " + parameters.stepSizeFactor() + " x epsilon"
                                : "")
                        + "; branch " + parameters.branch() + "."));
    }

    private static void sweepPoint(
            EvaluationInput input,
            String model,
            double epsilon,
            INDArray scores,
            List<MetricValue> values,
            Map<String, List<double[]>> curves) {
        EvaluationData point = EvaluationData.builder(input.head(), input.labelNames(), input.labels())
                .labelMask(input.labelMask().orElse(null))
                .model(model, null, Branch.CLEAN, scores)
                .seed(input.seed())
                .build();
        Map<String, Object> attributes = Map.of("epsilon", epsilon);
        double accuracy = RobustAccuracy.of(
                input.head(), input.labels(), input.labelMask().orElse(null), scores);
        values.add(new MetricValue(ID, "robust-accuracy", model, "all", accuracy, Double.NaN, Double.NaN, attributes));
        curves.computeIfAbsent("robust-accuracy/" + model, key -> new ArrayList<>())
                .add(new double[] {epsilon, accuracy});
        AurocMetric auroc = new AurocMetric();
        for (MetricValue value : auroc.evaluate(
                        point, new AurocMetric.Parameters(0, 0.95, false), new NullProgressMonitor())
                .values()) {
            if (value.name().equals(AurocMetric.AUROC)) {
                values.add(new MetricValue(
                        ID, "robust-auroc", model, value.label(), value.value(), Double.NaN, Double.NaN, attributes));
                curves.computeIfAbsent("robust-auroc/" + model + "/" + value.label(), key -> new ArrayList<>())
                        .add(new double[] {epsilon, value.value()});
            }
        }
    }

    private static Branch branch(EvaluationInput input, String model, BranchChoice choice) {
        return switch (choice) {
            case EVALUATION -> input.branch(model);
            case CLEAN -> Branch.CLEAN;
            case ADVERSARIAL -> Branch.ADVERSARIAL;
        };
    }

    private static <P extends Record> INDArray attack(
            AttackGenerator<P> attack,
            EvaluationInput input,
            String model,
            Branch branch,
            double epsilon,
            Parameters parameters) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("epsilon", epsilon);
        boolean hasStepSize = Arrays.stream(attack.parameterType().getRecordComponents())
                .anyMatch(component -> component.getName().equals("stepSize"));
        if (parameters.stepSizeFactor() > 0 && hasStepSize) {
            overrides.put("stepSize", parameters.stepSizeFactor() * epsilon);
        }
        P bound = ParameterBinder.bind(attack.defaultParameters(), overrides, parameters.attack());
        double[] range = input.inputRange();
        AttackContext context = new AttackContext(range[0], range[1], input.seed(), null);
        return AttackBatches.generate(
                attack,
                input.model(model),
                input.images(),
                input.labels(),
                input.labelMask().orElse(null),
                branch,
                bound,
                context,
                parameters.batchSize());
    }
}
