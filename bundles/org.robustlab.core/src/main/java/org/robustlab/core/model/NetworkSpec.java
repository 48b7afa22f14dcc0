package org.robustlab.core.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Engine-neutral description of a classifier network: a list of layers in evaluation order, the node that
 * produces the logits, the output head and the kind of normalization. Each engine compiles it into its own
 * graph, so one architecture runs on every engine, and parameter maps keyed by {@link #parameters()} move
 * between engines unchanged.
 *
 * @param architecture id of the architecture that built the network
 * @param inputChannels channels of the input images
 * @param outputs number of logits (classes or labels)
 * @param head output activation and loss
 * @param normalization single or dual batch normalization
 * @param layers the nodes in evaluation order; each reads only {@link #INPUT} or earlier nodes
 * @param output name of the node that produces the logits, of shape [N, outputs]
 * @param camLayer name of the default layer for class-activation maps: the output of the last convolutional
 *     block after its activation
 */
public record NetworkSpec(
        String architecture,
        int inputChannels,
        int outputs,
        Head head,
        Normalization normalization,
        List<Layer> layers,
        String output,
        String camLayer) {

    /** Name of the network input, which the first layers read. */
    public static final String INPUT = "input";

    /** Infix of the adversarial-branch batch-norm parameters, as in {@code bn1.adversarial.weight}. */
    public static final String ADVERSARIAL_INFIX = ".adversarial";

    public NetworkSpec {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(normalization, "normalization");
        layers = List.copyOf(layers);
        if (inputChannels <= 0 || outputs <= 0) {
            throw new IllegalArgumentException(
                    "inputChannels and outputs must be > 0, got " + inputChannels + " and " + outputs);
        }
        validateGraph(layers, output, camLayer);
    }

    private static void validateGraph(List<Layer> layers, String output, String camLayer) {
        Set<String> defined = new HashSet<>(Set.of(INPUT));
        for (Layer layer : layers) {
            for (String input : layer.inputs()) {
                if (!defined.contains(input)) {
                    throw new IllegalArgumentException(
                            "Layer " + layer.name() + " reads '" + input + "', which no earlier layer defines");
                }
            }
            if (!defined.add(layer.name())) {
                throw new IllegalArgumentException("Duplicate layer name " + layer.name());
            }
        }
        if (!defined.contains(output) || INPUT.equals(output)) {
            throw new IllegalArgumentException("Output node '" + output + "' is not a layer of the network");
        }
        if (camLayer != null && !defined.contains(camLayer)) {
            throw new IllegalArgumentException("CAM layer '" + camLayer + "' is not a layer of the network");
        }
    }

    /** Returns the layer with this name. */
    public Layer layer(String name) {
        for (Layer layer : layers) {
            if (layer.name().equals(name)) {
                return layer;
            }
        }
        throw new IllegalArgumentException("No layer named '" + name + "' in " + architecture + "; layers: "
                + layers.stream().map(Layer::name).toList());
    }

    /** Returns a copy of this specification with another kind of normalization. */
    public NetworkSpec withNormalization(Normalization newNormalization) {
        return new NetworkSpec(architecture, inputChannels, outputs, head, newNormalization, layers, output, camLayer);
    }

    /**
     * Returns every parameter and buffer of the network with its shape, in layer order. Batch-norm entries of
     * the adversarial branch exist only for {@link Normalization#DUAL}.
     */
    public Map<String, TensorSpec> parameters() {
        Map<String, TensorSpec> parameters = new LinkedHashMap<>();
        for (Layer layer : layers) {
            addParameters(layer, parameters);
        }
        return parameters;
    }

    /** Returns the number of trainable values, counting both batch-norm branches of a dual network. */
    public long trainableParameterCount() {
        return parameters().values().stream()
                .filter(TensorSpec::trainable)
                .mapToLong(TensorSpec::length)
                .sum();
    }

    /** Returns the number of channels that each node outputs; dense and pooled nodes count their features. */
    public Map<String, Integer> channels() {
        Map<String, Integer> channels = new HashMap<>();
        channels.put(INPUT, inputChannels);
        for (Layer layer : layers) {
            int value;
            if (layer instanceof Layer.Conv2d conv) {
                value = conv.outChannels();
            } else if (layer instanceof Layer.Dense dense) {
                value = dense.outFeatures();
            } else if (layer instanceof Layer.BatchNorm norm) {
                value = norm.channels();
            } else {
                value = channels.get(layer.inputs().get(0));
            }
            channels.put(layer.name(), value);
        }
        return channels;
    }

    private void addParameters(Layer layer, Map<String, TensorSpec> parameters) {
        if (layer instanceof Layer.Conv2d conv) {
            String name = conv.name();
            parameters.put(
                    name + ".weight",
                    TensorSpec.trainable(conv.outChannels(), conv.inChannels(), conv.kernel(), conv.kernel()));
            if (conv.bias()) {
                parameters.put(name + ".bias", TensorSpec.trainable(conv.outChannels()));
            }
        } else if (layer instanceof Layer.Dense dense) {
            parameters.put(dense.name() + ".weight", TensorSpec.trainable(dense.outFeatures(), dense.inFeatures()));
            if (dense.bias()) {
                parameters.put(dense.name() + ".bias", TensorSpec.trainable(dense.outFeatures()));
            }
        } else if (layer instanceof Layer.BatchNorm norm) {
            addBatchNorm(norm.name(), norm.channels(), parameters);
            if (normalization == Normalization.DUAL) {
                addBatchNorm(norm.name() + ADVERSARIAL_INFIX, norm.channels(), parameters);
            }
        }
    }

    private static void addBatchNorm(String prefix, int channels, Map<String, TensorSpec> parameters) {
        parameters.put(prefix + ".weight", TensorSpec.trainable(channels));
        parameters.put(prefix + ".bias", TensorSpec.trainable(channels));
        parameters.put(prefix + ".running_mean", TensorSpec.buffer(channels));
        parameters.put(prefix + ".running_var", TensorSpec.buffer(channels));
    }

    /**
     * Returns the parameter-name prefix of a batch-norm layer for a branch: {@code bn1} for the clean branch
     * and for single normalization, {@code bn1.adversarial} for the adversarial branch of a dual network.
     */
    public String batchNormPrefix(String layerName, Branch branch) {
        return branch == Branch.ADVERSARIAL && normalization == Normalization.DUAL
                ? layerName + ADVERSARIAL_INFIX
                : layerName;
    }
}
