package org.robustlab.testing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.EngineInfo;
import org.robustlab.core.engine.GradientResult;
import org.robustlab.core.engine.LayerGradient;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.engine.Trainer;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.model.TensorSpec;

/**
 * A small classifier with exact analytic gradients, for contract tests of attacks, saliency methods and metrics.
 *
 * <p>The network is per-channel batch normalization in inference mode followed by a dense layer over the
 * normalized image flattened in C order:
 * {@code logits = W vec((x - mean_b) / sqrt(var_b + eps) * gamma_b + beta_b) + bias}, where {@code b} is the
 * batch-norm branch. A dual network has a second set of batch-norm parameters for the adversarial branch and
 * shares the dense layer. Values and gradients are computed in float64 from the float32 parameters and returned
 * in float32, so tests can compare them with formulas. The model is affine in its input, so cross-entropy is
 * convex in the input, and DeepFool finds the exact nearest decision boundary in one step.
 *
 * <p>{@link #spec()} names the layers {@value #NORM_LAYER} (batch norm, the default CAM layer) and
 * {@value #DENSE_LAYER} (dense, the logits).
 * NOTE: the dense layer reads the four-dimensional output of {@value #NORM_LAYER} flattened, a step that the
 * engine-neutral {@link Layer} list cannot express; an engine asked to compile this specification may reject it.
 *
 * <p>The model only runs inference: {@link #trainer} throws. It is not safe for concurrent use.
 */
public final class ReferenceClassifier implements Model {

    /** Name of the batch-norm layer, whose output {@link #layerGradient} returns as [N, C, H, W]. */
    public static final String NORM_LAYER = "bn";

    /** Name of the dense layer that produces the logits. */
    public static final String DENSE_LAYER = "fc";

    /** Batch-norm epsilon, PyTorch's default. */
    public static final double BATCH_NORM_EPSILON = 1e-5;

    private static final EngineInfo ENGINE = new EngineInfo("analytic reference (float64)", "1", "CPU", 1);

    private final Geometry geometry;

    private final NetworkSpec spec;

    private final Map<String, INDArray> parameters;

    private final double[][] weight;

    private final double[] bias;

    private final ChannelAffine clean;

    private final ChannelAffine adversarial;

    private boolean closed;

    /**
     * Image and output sizes of a reference classifier.
     *
     * @param channels input channels C
     * @param height input height H
     * @param width input width W
     * @param outputs number of logits
     */
    public record Geometry(int channels, int height, int width, int outputs) {
        public Geometry {
            if (channels <= 0 || height <= 0 || width <= 0 || outputs <= 0) {
                throw new IllegalArgumentException("Every size must be > 0, got channels " + channels + ", height "
                        + height + ", width " + width + ", outputs " + outputs);
            }
        }

        /** Returns the number of input values per image, C * H * W. */
        public int features() {
            return channels * height * width;
        }

        /** Returns the input shape of a batch of {@code batchSize} images. */
        public long[] inputShape(long batchSize) {
            return new long[] {batchSize, channels, height, width};
        }
    }

    /** Per-channel scale and shift of batch norm in inference mode. */
    private record ChannelAffine(double[] scale, double[] shift) {
        static ChannelAffine of(Map<String, INDArray> parameters, String prefix) {
            double[] gamma = vector(parameters, prefix + ".weight");
            double[] beta = vector(parameters, prefix + ".bias");
            double[] mean = vector(parameters, prefix + ".running_mean");
            double[] variance = vector(parameters, prefix + ".running_var");
            double[] scale = new double[gamma.length];
            double[] shift = new double[gamma.length];
            for (int c = 0; c < gamma.length; c++) {
                scale[c] = gamma[c] / Math.sqrt(variance[c] + BATCH_NORM_EPSILON);
                shift[c] = beta[c] - mean[c] * scale[c];
            }
            return new ChannelAffine(scale, shift);
        }
    }

    private ReferenceClassifier(Geometry geometry, NetworkSpec spec, Map<String, INDArray> parameters) {
        this.geometry = geometry;
        this.spec = spec;
        this.parameters = parameters;
        this.weight = MatrixConversions.matrix(
                parameters.get(DENSE_LAYER + ".weight"), geometry.outputs(), geometry.features(), "fc.weight");
        this.bias = vector(parameters, DENSE_LAYER + ".bias");
        this.clean = ChannelAffine.of(parameters, spec.batchNormPrefix(NORM_LAYER, Branch.CLEAN));
        this.adversarial = ChannelAffine.of(parameters, spec.batchNormPrefix(NORM_LAYER, Branch.ADVERSARIAL));
    }

    /** Returns the specification of a reference classifier: batch norm {@value #NORM_LAYER}, dense layer. */
    public static NetworkSpec spec(Geometry geometry, Head head, Normalization normalization) {
        List<Layer> layers = List.of(
                new Layer.BatchNorm(NORM_LAYER, NetworkSpec.INPUT, geometry.channels(), BATCH_NORM_EPSILON, 0.1),
                new Layer.Dense(DENSE_LAYER, NORM_LAYER, geometry.features(), geometry.outputs(), true));
        return new NetworkSpec(
                "reference-classifier",
                geometry.channels(),
                geometry.outputs(),
                head,
                normalization,
                layers,
                DENSE_LAYER,
                NORM_LAYER);
    }

    /**
     * Creates a classifier from parameters keyed as in {@link NetworkSpec#parameters()}.
     *
     * @throws IllegalArgumentException when an entry is missing, extra or of the wrong shape
     */
    public static ReferenceClassifier create(
            Geometry geometry, Head head, Normalization normalization, Map<String, INDArray> parameters) {
        NetworkSpec spec = spec(geometry, head, normalization);
        Map<String, TensorSpec> expected = spec.parameters();
        if (!expected.keySet().equals(parameters.keySet())) {
            throw new IllegalArgumentException(
                    "Parameters must be exactly " + expected.keySet() + ", got " + parameters.keySet());
        }
        Map<String, INDArray> copies = new LinkedHashMap<>();
        expected.forEach((name, tensor) -> {
            INDArray value = parameters.get(name);
            if (!Arrays.equals(value.shape(), tensor.shape())) {
                throw new IllegalArgumentException("Parameter " + name + " must have shape "
                        + Arrays.toString(tensor.shape()) + ", got " + Arrays.toString(value.shape()));
            }
            copies.put(name, value.castTo(DataType.FLOAT).dup('c'));
        });
        return new ReferenceClassifier(geometry, spec, copies);
    }

    /**
     * Creates a classifier with seeded random parameters: dense weights and bias uniform in
     * {@code [-1/sqrt(C*H*W), 1/sqrt(C*H*W)]}, and batch-norm parameters and running statistics that differ
     * between the branches of a dual network, so that the branch an input goes through changes the logits.
     */
    public static ReferenceClassifier random(long seed, Geometry geometry, Head head, Normalization normalization) {
        NetworkSpec spec = spec(geometry, head, normalization);
        Random random = new Random(seed);
        Map<String, INDArray> values = new LinkedHashMap<>();
        double bound = 1 / Math.sqrt(geometry.features());
        spec.parameters().forEach((name, tensor) -> {
            float[] data = new float[Math.toIntExact(tensor.length())];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) initialValue(name, bound, random);
            }
            values.put(name, Nd4j.create(data, tensor.shape(), 'c'));
        });
        return create(geometry, head, normalization, values);
    }

    private static double initialValue(String name, double bound, Random random) {
        boolean adversarial = name.contains(NetworkSpec.ADVERSARIAL_INFIX);
        if (name.startsWith(DENSE_LAYER + ".")) {
            return (random.nextDouble() * 2 - 1) * bound;
        }
        if (name.endsWith(".running_mean")) {
            return (adversarial ? 0.4 : 0.5) + 0.05 * random.nextGaussian();
        }
        if (name.endsWith(".running_var")) {
            return adversarial ? 0.3 : 0.25;
        }
        if (name.endsWith(".weight")) {
            return adversarial ? 0.8 : 1.0;
        }
        return adversarial ? 0.05 : 0.0;
    }

    /** Returns a copy of this classifier whose dense weights and bias are multiplied by {@code factor}. */
    public ReferenceClassifier withWeightScale(double factor) {
        Map<String, INDArray> scaled = new LinkedHashMap<>(parameters);
        for (String name : List.of(DENSE_LAYER + ".weight", DENSE_LAYER + ".bias")) {
            INDArray value = parameters.get(name).castTo(DataType.DOUBLE).mul(factor);
            scaled.put(name, value.castTo(DataType.FLOAT));
        }
        return create(geometry, spec.head(), spec.normalization(), scaled);
    }

    /** Returns the image and output sizes. */
    public Geometry geometry() {
        return geometry;
    }

    /** Returns a copy of the dense weights W, [outputs][C * H * W], in float64. */
    public double[][] denseWeight() {
        double[][] copy = new double[weight.length][];
        for (int k = 0; k < weight.length; k++) {
            copy[k] = weight[k].clone();
        }
        return copy;
    }

    /** Returns a copy of the dense bias, [outputs]. */
    public double[] denseBias() {
        return bias.clone();
    }

    /** Returns the per-channel factor {@code gamma / sqrt(var + eps)} of a branch's batch norm. */
    public double[] channelScale(Branch branch) {
        return affine(branch).scale().clone();
    }

    /** Returns the per-channel offset {@code beta - mean * gamma / sqrt(var + eps)} of a branch's batch norm. */
    public double[] channelShift(Branch branch) {
        return affine(branch).shift().clone();
    }

    @Override
    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public EngineInfo engine() {
        return ENGINE;
    }

    @Override
    public INDArray logits(INDArray input, Branch branch) {
        return MatrixConversions.floats(forward(normalize(input, branch)), input.size(0), geometry.outputs());
    }

    @Override
    public GradientResult inputGradient(INDArray input, Objective objective, Branch branch) {
        double[][] normalized = normalize(input, branch);
        double[][] logits = forward(normalized);
        AnalyticObjectives.Evaluation evaluation = AnalyticObjectives.evaluate(objective, spec.head(), logits);
        double[][] gradient = backToNormalized(evaluation.logitGradient());
        double[] scale = affine(branch).scale();
        int plane = geometry.height() * geometry.width();
        for (double[] row : gradient) {
            for (int i = 0; i < row.length; i++) {
                row[i] *= scale[i / plane];
            }
        }
        return new GradientResult(
                MatrixConversions.floats(gradient, input.shape()),
                MatrixConversions.floats(logits, input.size(0), geometry.outputs()),
                MatrixConversions.floats(evaluation.values()));
    }

    @Override
    public LayerGradient layerGradient(INDArray input, String layer, Objective objective, Branch branch) {
        double[][] normalized = normalize(input, branch);
        double[][] logits = forward(normalized);
        AnalyticObjectives.Evaluation evaluation = AnalyticObjectives.evaluate(objective, spec.head(), logits);
        INDArray logitArray = MatrixConversions.floats(logits, input.size(0), geometry.outputs());
        if (NORM_LAYER.equals(layer)) {
            return new LayerGradient(
                    layer,
                    MatrixConversions.floats(normalized, input.shape()),
                    MatrixConversions.floats(backToNormalized(evaluation.logitGradient()), input.shape()),
                    logitArray);
        }
        if (DENSE_LAYER.equals(layer)) {
            return new LayerGradient(
                    layer,
                    logitArray,
                    MatrixConversions.floats(evaluation.logitGradient(), input.size(0), geometry.outputs()),
                    logitArray);
        }
        throw new IllegalArgumentException("No layer named '" + layer + "' in the reference classifier; layers: ["
                + NORM_LAYER + ", " + DENSE_LAYER + "]");
    }

    @Override
    public Map<String, INDArray> parameters() {
        checkOpen();
        Map<String, INDArray> copies = new LinkedHashMap<>();
        parameters.forEach((name, value) -> copies.put(name, value.dup()));
        return copies;
    }

    /** Throws: the reference classifier only runs inference. */
    @Override
    public Trainer trainer(OptimizerSpec optimizer) {
        throw new UnsupportedOperationException(
                "The reference classifier only runs inference; train a network through an engine");
    }

    @Override
    public void close() {
        closed = true;
    }

    private ChannelAffine affine(Branch branch) {
        return Objects.requireNonNull(branch, "branch") == Branch.ADVERSARIAL ? adversarial : clean;
    }

    /** Returns the batch-normalized images, [N][C * H * W]. */
    private double[][] normalize(INDArray input, Branch branch) {
        checkOpen();
        long[] expected = geometry.inputShape(input.rank() == 4 ? input.size(0) : 1);
        if (input.rank() != 4 || !Arrays.equals(input.shape(), expected)) {
            throw new IllegalArgumentException("Input must have shape [N, " + geometry.channels() + ", "
                    + geometry.height() + ", " + geometry.width() + "], got " + Arrays.toString(input.shape()));
        }
        int batch = Math.toIntExact(input.size(0));
        double[][] images = MatrixConversions.matrix(
                input.reshape('c', batch, geometry.features()), batch, geometry.features(), "input");
        ChannelAffine affine = affine(branch);
        int plane = geometry.height() * geometry.width();
        for (double[] image : images) {
            for (int i = 0; i < image.length; i++) {
                int channel = i / plane;
                image[i] = image[i] * affine.scale()[channel] + affine.shift()[channel];
            }
        }
        return images;
    }

    private double[][] forward(double[][] normalized) {
        double[][] logits = new double[normalized.length][geometry.outputs()];
        for (int n = 0; n < normalized.length; n++) {
            for (int k = 0; k < geometry.outputs(); k++) {
                double sum = bias[k];
                for (int i = 0; i < normalized[n].length; i++) {
                    sum += weight[k][i] * normalized[n][i];
                }
                logits[n][k] = sum;
            }
        }
        return logits;
    }

    /** Returns the gradient with respect to the normalized image, {@code logitGradient * W}. */
    private double[][] backToNormalized(double[][] logitGradient) {
        double[][] gradient = new double[logitGradient.length][geometry.features()];
        for (int n = 0; n < logitGradient.length; n++) {
            for (int k = 0; k < geometry.outputs(); k++) {
                double g = logitGradient[n][k];
                if (g == 0) {
                    continue;
                }
                for (int i = 0; i < gradient[n].length; i++) {
                    gradient[n][i] += g * weight[k][i];
                }
            }
        }
        return gradient;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The reference classifier was closed");
        }
    }

    private static double[] vector(Map<String, INDArray> parameters, String name) {
        return parameters.get(name).castTo(DataType.DOUBLE).toDoubleVector();
    }
}
