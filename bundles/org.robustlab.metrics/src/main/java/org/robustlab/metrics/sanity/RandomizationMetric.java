package org.robustlab.metrics.sanity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.ParameterInitializer;
import org.robustlab.core.metric.EvaluationInput;
import org.robustlab.core.metric.EvaluationMetric;
import org.robustlab.core.metric.MetricResult;
import org.robustlab.core.metric.MetricValue;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.parameter.Parameter;
import org.robustlab.core.parameter.ParameterBinder;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyPostprocessing;
import org.robustlab.core.saliency.SaliencyTarget;
import org.robustlab.metrics.ImageScores;
import org.robustlab.metrics.MapArrays;

/**
 * The model-parameter randomization test (Adebayo et al., "Sanity Checks for Saliency Maps", NeurIPS 2018): the
 * layers with parameters are re-initialized with {@link ParameterInitializer#initializeLayer} from the logits
 * downwards, cumulatively (cascading) or one at a time (independent), the model is rebuilt with {@code
 * Engine.create}, the maps are recomputed with the same method and target, and compared with the trained model's
 * maps by Spearman's rank correlation and SSIM of the post-processed maps. Both the trained and the randomized
 * maps are computed here with the method's default parameters, so that they are comparable. A method that
 * explains the model should lose similarity as layers are randomized; one that keeps high similarity fails.
 *
 * <p>Values {@code spearman} and {@code ssim} per model, method and step carry the attributes {@code method},
 * {@code layer} (the layer randomized last) and {@code randomized-layers}; curves {@code spearman/<model>/<method>}
 * and {@code ssim/<model>/<method>} plot the mean against the number of randomized layers.
 */
@Component(service = EvaluationMetric.class)
@ContributionMetadata(
        id = "parameter-randomization",
        label = "Model-parameter randomization",
        description = "Sanity check of Adebayo et al. (2018): similarity of maps as layers are randomized from the"
                + " logits down (Spearman, SSIM).")
public final class RandomizationMetric implements EvaluationMetric<RandomizationMetric.Parameters> {

    /**
     * Parameters of the randomization test.
     *
     * @param cascading whether randomized layers accumulate from the logits down, or each is randomized alone
     * @param postprocessing applied to each map before comparing; SSIM assumes values in [0, 1]
     * @param maxBatchSize largest batch of the recomputed saliency maps
     * @param bootstrapReplicates resamples of the images for the intervals; 0 turns them off
     * @param confidenceLevel the coverage of the intervals
     */
    public record Parameters(
            @Parameter(description = "Randomize layers cumulatively from the logits down")
            boolean cascading,

            @Parameter(description = "Post-processing of each map; SSIM assumes values in [0, 1]")
            SaliencyPostprocessing postprocessing,

            @Parameter(description = "Largest batch of the recomputed maps", min = 1)
            int maxBatchSize,

            @Parameter(description = "Bootstrap resamples of the images; 0 turns intervals off", min = 0)
            int bootstrapReplicates,

            @Parameter(description = "Coverage of the intervals", min = 0.5, max = 0.999)
            double confidenceLevel) {

        public Parameters {
            Objects.requireNonNull(postprocessing, "postprocessing");
            if (maxBatchSize < 1) {
                throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
            }
        }
    }

    static final String ID = "parameter-randomization";

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public Parameters defaultParameters() {
        return new Parameters(true, new SaliencyPostprocessing(true, 0, true), 32, 1000, 0.95);
    }

    @Override
    public Set<EvaluationInput.Requirement> requirements() {
        return Set.of(EvaluationInput.Requirement.MODELS, EvaluationInput.Requirement.SALIENCY);
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, Parameters parameters, IProgressMonitor monitor) {
        List<MetricValue> values = new ArrayList<>();
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        for (String modelName : input.modelNames()) {
            Model model = input.model(modelName);
            List<String> layers = parameterizedLayersFromOutput(model.spec());
            Map<String, INDArray> trained = model.parameters();
            for (String method : input.saliencyMethodNames()) {
                MapArrays reference = recompute(input, modelName, method, trained, parameters);
                List<double[]> spearmanCurve = new ArrayList<>();
                List<double[]> ssimCurve = new ArrayList<>();
                Map<String, INDArray> randomized = new LinkedHashMap<>(trained);
                for (int k = 0; k < layers.size(); k++) {
                    if (!parameters.cascading()) {
                        randomized = new LinkedHashMap<>(trained);
                    }
                    randomized.putAll(ParameterInitializer.initializeLayer(model.spec(), layers.get(k), input.seed()));
                    double[][] scores = MapSimilarity.compare(
                            reference, recompute(input, modelName, method, randomized, parameters));
                    Map<String, Object> attributes =
                            Map.of("method", method, "layer", layers.get(k), "randomized-layers", k + 1);
                    MetricValue spearman = summary("spearman", modelName, scores[0], parameters, input, attributes);
                    MetricValue ssim = summary("ssim", modelName, scores[1], parameters, input, attributes);
                    values.add(spearman);
                    values.add(ssim);
                    spearmanCurve.add(new double[] {k + 1, spearman.value()});
                    ssimCurve.add(new double[] {k + 1, ssim.value()});
                    monitor.worked(1);
                }
                curves.put("spearman/" + modelName + "/" + method, spearmanCurve);
                curves.put("ssim/" + modelName + "/" + method, ssimCurve);
            }
        }
        return new MetricResult(
                ID,
                ParameterBinder.toMap(parameters),
                values,
                curves,
                List.of("Lower similarity after randomization is better: a method that passes loses similarity as more"
                        + " layers are randomized (" + (parameters.cascading() ? "cascading" : "independent")
                        + " randomization from the logits down)."));
    }

    /** Returns the names of the layers that have parameters, from the output towards the input. */
    static List<String> parameterizedLayersFromOutput(NetworkSpec spec) {
        List<String> layers = new ArrayList<>();
        for (Layer layer : spec.layers()) {
            if (layer instanceof Layer.Conv2d || layer instanceof Layer.Dense || layer instanceof Layer.BatchNorm) {
                layers.add(0, layer.name());
            }
        }
        return layers;
    }

    private static MapArrays recompute(
            EvaluationInput input, String modelName, String method, Map<String, INDArray> parameters, Parameters p) {
        Model original = input.model(modelName);
        SaliencyTarget target = new SaliencyTarget(input.saliencyTargets(), input.branch(modelName));
        SaliencyContext context = new SaliencyContext(input.seed(), p.maxBatchSize(), null);
        try (Model randomized = input.engine().create(original.spec(), parameters)) {
            INDArray maps = input.saliencyMethods()
                    .call(method, contribution -> explain(contribution, randomized, input.images(), target, context));
            return MapArrays.of(maps, p.postprocessing());
        }
    }

    private static <P extends Record> INDArray explain(
            SaliencyMethod<P> method, Model model, INDArray images, SaliencyTarget target, SaliencyContext context) {
        return method.explain(model, images, target, method.defaultParameters(), context)
                .maps();
    }

    private static MetricValue summary(
            String name, String model, double[] scores, Parameters p, EvaluationInput input, Map<String, Object> a) {
        return ImageScores.summary(
                ID, name, model, scores, p.bootstrapReplicates(), p.confidenceLevel(), input.seed(), a);
    }
}
