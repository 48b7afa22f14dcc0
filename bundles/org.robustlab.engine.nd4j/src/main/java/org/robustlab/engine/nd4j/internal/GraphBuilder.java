package org.robustlab.engine.nd4j.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;

/**
 * Translates a {@link NetworkSpec} into a SameDiff graph over the arrays of a {@link ParameterStore}.
 *
 * <p>Each node is named after its layer, so callers can read and differentiate any layer by name. Batch norm is
 * written out with elementary ops, because {@code sd.nn.batchNorm} of ND4J 1.0.0-M2.1 loses its axis when the
 * gradient function is built. Convolution weights stay in PyTorch's [out, in, kh, kw] layout in the store and are
 * permuted inside the graph, because the OIYX weight format of {@code conv2d_bp} rejects them in M2.1.
 *
 * <p>The loss head is one expression whose coefficients are placeholders (see {@link LossCoefficients}), so a
 * single gradient function serves every objective and every training term of a graph.
 */
final class GraphBuilder {

    /** Name of the placeholder of the clean images of a TRADES graph. */
    static final String REFERENCE = "reference";

    /** Prefix of the nodes of the network copy that reads {@link #REFERENCE}. */
    static final String REFERENCE_PREFIX = REFERENCE + "/";

    static final String COEFFICIENT_A = "loss/a";

    static final String COEFFICIENT_B = "loss/b";

    static final String COEFFICIENT_C = "loss/c";

    static final String COEFFICIENT_D = "loss/d";

    /** Per-image objective, [N]. */
    static final String OBJECTIVE = "loss/objective";

    /** Summed objective, the graph's loss variable. */
    static final String TOTAL = "loss/total";

    static final String BATCH_MEAN = "batch_mean";

    static final String BATCH_VARIANCE = "batch_var";

    private final NetworkSpec spec;

    private final ParameterStore store;

    private final GraphKind kind;

    private final Branch branch;

    private final SameDiff sd = SameDiff.create();

    private final Map<String, SDVariable> parameters = new LinkedHashMap<>();

    private final List<String> batchNormLayers = new ArrayList<>();

    private GraphBuilder(NetworkSpec spec, ParameterStore store, GraphKind kind, Branch branch) {
        this.spec = spec;
        this.store = store;
        this.kind = kind;
        this.branch = branch;
    }

    /** Builds the graph of one kind for one batch-norm branch, with its gradient function. */
    static CompiledGraph build(NetworkSpec spec, ParameterStore store, GraphKind kind, Branch branch) {
        return new GraphBuilder(spec, store, kind, branch).build();
    }

    private CompiledGraph build() {
        declareParameters();
        DataType type = store.dataType();
        SDVariable input = sd.placeHolder(NetworkSpec.INPUT, type, -1, spec.inputChannels(), -1, -1);
        SDVariable logits = network(input, "");
        SDVariable perElement;
        if (kind == GraphKind.TRADES) {
            SDVariable reference = sd.placeHolder(REFERENCE, type, -1, spec.inputChannels(), -1, -1);
            perElement = tradesLoss(network(reference, REFERENCE_PREFIX), logits);
        } else {
            perElement = spec.head() == Head.SOFTMAX ? softmaxLoss(logits) : sigmoidLoss(logits);
        }
        SDVariable objective = objectivePerImage(perElement);
        SDVariable total = objective.sum(TOTAL);
        sd.setLossVariables(total);
        if (kind == GraphKind.INFERENCE) {
            StdoutFilter.runQuietly(() -> sd.createGradFunction(NetworkSpec.INPUT));
        } else {
            StdoutFilter.runQuietly(() -> sd.createGradFunction());
        }
        List<String> trainable = kind == GraphKind.INFERENCE
                ? List.of()
                : parameters.keySet().stream()
                        .filter(store.trainableNames()::contains)
                        .toList();
        return new CompiledGraph(sd, kind, branch, trainable, batchNormLayers);
    }

    /**
     * Creates one SameDiff variable per parameter that this branch reads. Inference graphs hold every parameter
     * as a constant, so no weight gradient is ever computed there; training graphs hold the trainable ones as
     * variables.
     */
    private void declareParameters() {
        for (Layer layer : spec.layers()) {
            for (String name : parameterNames(layer)) {
                org.nd4j.linalg.api.ndarray.INDArray value = store.get(name);
                boolean variable =
                        kind != GraphKind.INFERENCE && store.trainableNames().contains(name);
                parameters.put(name, variable ? sd.var(name, value) : sd.constant(name, value));
            }
        }
    }

    private List<String> parameterNames(Layer layer) {
        List<String> names = new ArrayList<>();
        if (layer instanceof Layer.Conv2d conv) {
            names.add(conv.name() + ".weight");
            if (conv.bias()) {
                names.add(conv.name() + ".bias");
            }
        } else if (layer instanceof Layer.Dense dense) {
            names.add(dense.name() + ".weight");
            if (dense.bias()) {
                names.add(dense.name() + ".bias");
            }
        } else if (layer instanceof Layer.BatchNorm norm) {
            String prefix = spec.batchNormPrefix(norm.name(), branch);
            names.add(prefix + ".weight");
            names.add(prefix + ".bias");
            if (kind == GraphKind.INFERENCE) {
                names.add(prefix + ".running_mean");
                names.add(prefix + ".running_var");
            }
        }
        return names;
    }

    /** Builds one copy of the network on {@code input} and returns its logits. */
    private SDVariable network(SDVariable input, String prefix) {
        Map<String, SDVariable> nodes = new HashMap<>();
        nodes.put(NetworkSpec.INPUT, input);
        for (Layer layer : spec.layers()) {
            String name = prefix + layer.name();
            SDVariable output;
            try (NameScope scope = sd.withNameScope(name)) {
                output = layer(layer, nodes);
            }
            nodes.put(layer.name(), output.rename(name));
        }
        return nodes.get(spec.output());
    }

    private SDVariable layer(Layer layer, Map<String, SDVariable> nodes) {
        SDVariable x = nodes.get(layer.inputs().get(0));
        if (layer instanceof Layer.Conv2d conv) {
            return convolution(conv, x);
        } else if (layer instanceof Layer.BatchNorm norm) {
            return batchNorm(norm, x);
        } else if (layer instanceof Layer.Relu) {
            return sd.nn.relu(x, 0);
        } else if (layer instanceof Layer.Add add) {
            SDVariable sum = x;
            for (String other : add.inputs().subList(1, add.inputs().size())) {
                sum = sum.add(nodes.get(other));
            }
            return sum;
        } else if (layer instanceof Layer.MaxPool pool) {
            return sd.cnn.maxPooling2d(x, poolConfig(pool));
        } else if (layer instanceof Layer.GlobalAveragePool) {
            return x.mean(2, 3);
        } else if (layer instanceof Layer.Dense dense) {
            SDVariable product = sd.mmul(x, parameters.get(dense.name() + ".weight"), false, true, false);
            return dense.bias() ? product.add(parameters.get(dense.name() + ".bias")) : product;
        }
        throw new IllegalArgumentException("Layer " + layer.name() + " of type "
                + layer.getClass().getSimpleName() + " is not supported by the ND4J engine");
    }

    private SDVariable convolution(Layer.Conv2d conv, SDVariable x) {
        Conv2DConfig config = Conv2DConfig.builder()
                .kH(conv.kernel())
                .kW(conv.kernel())
                .sH(conv.stride())
                .sW(conv.stride())
                .pH(conv.padding())
                .pW(conv.padding())
                .dH(1)
                .dW(1)
                .dataFormat(Conv2DConfig.NCHW)
                .build();
        // [out, in, kh, kw] as in PyTorch to ND4J's default [kh, kw, in, out].
        SDVariable weight = sd.permute(parameters.get(conv.name() + ".weight"), 2, 3, 1, 0);
        if (conv.bias()) {
            return sd.cnn.conv2d(x, weight, parameters.get(conv.name() + ".bias"), config);
        }
        return sd.cnn.conv2d(x, weight, config);
    }

    /**
     * Normalises with the running statistics in inference graphs and with the batch moments in training graphs,
     * as {@code y = x * scale + shift} with {@code scale = weight / sqrt(var + eps)} and {@code shift = bias -
     * mean * scale}: two full-size broadcast ops instead of four.
     */
    private SDVariable batchNorm(Layer.BatchNorm norm, SDVariable x) {
        String prefix = spec.batchNormPrefix(norm.name(), branch);
        SDVariable mean;
        SDVariable variance;
        if (kind == GraphKind.INFERENCE) {
            mean = parameters.get(prefix + ".running_mean");
            variance = parameters.get(prefix + ".running_var");
        } else {
            SDVariable[] moments =
                    sd.math.moments(new String[] {BATCH_MEAN, BATCH_VARIANCE}, x, new int[] {0, 2, 3}, false);
            mean = moments[0];
            variance = moments[1];
            if (!batchNormLayers.contains(norm.name())) {
                batchNormLayers.add(norm.name());
            }
        }
        SDVariable scale = parameters.get(prefix + ".weight").mul(sd.math.rsqrt(variance.add(norm.epsilon())));
        SDVariable shift = parameters.get(prefix + ".bias").sub(mean.mul(scale));
        int channels = norm.channels();
        return x.mul(sd.reshape(scale, 1, channels, 1, 1)).add(sd.reshape(shift, 1, channels, 1, 1));
    }

    /**
     * Sums the per-element loss over the outputs. A network with one output reshapes instead, because in ND4J
     * 1.0.0-M2.1 a reduction over an axis of length 1 inside the gradient function fails with a
     * NullPointerException in {@code BaseReduceOp.noOp} when the batch has more than one image.
     */
    private SDVariable objectivePerImage(SDVariable perElement) {
        if (spec.outputs() == 1) {
            return sd.reshape(OBJECTIVE, perElement, -1);
        }
        return perElement.sum(OBJECTIVE, 1);
    }

    private static Pooling2DConfig poolConfig(Layer.MaxPool pool) {
        return Pooling2DConfig.builder()
                .kH(pool.kernel())
                .kW(pool.kernel())
                .sH(pool.stride())
                .sW(pool.stride())
                .pH(pool.padding())
                .pW(pool.padding())
                .dH(1)
                .dW(1)
                .isNHWC(false)
                .build();
    }

    /** Softmax head: {@code B * logits - A * logSoftmax(logits)} per element. */
    private SDVariable softmaxLoss(SDVariable logits) {
        SDVariable a = coefficient(COEFFICIENT_A);
        SDVariable b = coefficient(COEFFICIENT_B);
        return b.mul(logits).sub(a.mul(logSoftmax(logits)));
    }

    /**
     * Sigmoid head: {@code A * softplus(-logits) + C * softplus(logits) + B * logits} per element, where
     * {@code softplus(-x) = -log(sigmoid(x))} and {@code softplus(x) = -log(1 - sigmoid(x))}.
     */
    private SDVariable sigmoidLoss(SDVariable logits) {
        SDVariable a = coefficient(COEFFICIENT_A);
        SDVariable b = coefficient(COEFFICIENT_B);
        SDVariable c = coefficient(COEFFICIENT_C);
        SDVariable positive = a.mul(sd.nn.softplus(logits.neg()));
        SDVariable negative = c.mul(sd.nn.softplus(logits));
        return positive.add(negative).add(b.mul(logits));
    }

    /**
     * TRADES: {@code -A * logSoftmax(reference logits) + D * p * (log p - logSoftmax(logits))} with {@code p} the
     * softmax of the reference logits, so gradients flow through both forward passes.
     */
    private SDVariable tradesLoss(SDVariable referenceLogits, SDVariable logits) {
        SDVariable a = coefficient(COEFFICIENT_A);
        SDVariable d = coefficient(COEFFICIENT_D);
        SDVariable referenceLog = logSoftmax(referenceLogits);
        SDVariable divergence = sd.math.exp(referenceLog).mul(referenceLog.sub(logSoftmax(logits)));
        return d.mul(divergence).sub(a.mul(referenceLog));
    }

    /**
     * Returns the log-softmax over the outputs of [N, outputs] logits. The op is called without its dimension
     * argument, which defaults to the last axis, because the dimension does not survive the graph copy that
     * {@code createGradFunction} makes in ND4J 1.0.0-M2.1.
     */
    private SDVariable logSoftmax(SDVariable logits) {
        return sd.nn.logSoftmax(logits);
    }

    private SDVariable coefficient(String name) {
        return sd.placeHolder(name, store.dataType(), -1, spec.outputs());
    }
}
