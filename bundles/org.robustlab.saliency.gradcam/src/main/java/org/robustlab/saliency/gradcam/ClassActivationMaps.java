package org.robustlab.saliency.gradcam;

import java.util.Arrays;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.robustlab.core.engine.LayerGradient;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.model.Layer;
import org.robustlab.core.saliency.BilinearResize;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyResult;
import org.robustlab.core.saliency.SaliencyTarget;

/**
 * The steps shared by the class-activation-map methods: the layer's output and gradient in batches, the weighted
 * sum of the channels, the final ReLU and the bilinear upsampling to the input size with half-pixel centres.
 */
final class ClassActivationMaps {

    /** Computes one weight per image and channel, [N, K], from the layer's activation and gradient. */
    @FunctionalInterface
    interface ChannelWeights {
        INDArray compute(INDArray activation, INDArray gradient);
    }

    private ClassActivationMaps() {}

    /** Returns the maps of a method that weights channels with {@code weights}, at the input's resolution. */
    static SaliencyResult explain(
            Model model,
            INDArray input,
            SaliencyTarget target,
            CamParameters parameters,
            SaliencyContext context,
            ChannelWeights weights) {
        target.validate(input, model.spec().outputs());
        String layer = resolveLayer(model, parameters.layer());
        LayerGradient result = layerGradient(model, input, target, layer, context);
        INDArray activation = result.activation().castTo(DataType.FLOAT);
        if (activation.rank() != 4) {
            throw new IllegalArgumentException(
                    "Layer '" + layer + "' outputs shape " + Arrays.toString(activation.shape())
                            + "; class-activation maps need a convolutional output [N, C, h, w]");
        }
        INDArray channelWeights = weights.compute(activation, result.gradient().castTo(DataType.FLOAT));
        INDArray maps = weightedSum(activation, channelWeights);
        if (parameters.relu()) {
            maps = maps.mul(maps.gt(0).castTo(DataType.FLOAT));
        }
        INDArray upsampled = BilinearResize.resize(maps, (int) input.size(2), (int) input.size(3));
        return new SaliencyResult(
                upsampled,
                Map.of("layer", layer, "featureMapHeight", activation.size(2), "featureMapWidth", activation.size(3)));
    }

    /** Returns the layer to use: the requested one, or the network's default CAM layer when none is named. */
    static String resolveLayer(Model model, String requested) {
        if (!requested.isEmpty()) {
            return requested;
        }
        String layer = model.spec().camLayer();
        if (layer == null) {
            throw new IllegalArgumentException("Network " + model.spec().architecture()
                    + " has no default CAM layer; set the parameter 'layer' to one of its convolutional layers: "
                    + model.spec().layers().stream()
                            .filter(l -> !(l instanceof Layer.Dense || l instanceof Layer.GlobalAveragePool))
                            .map(Layer::name)
                            .toList());
        }
        return layer;
    }

    /** Returns {@code sum_k weights[n, k] * activation[n, k]}, [N, h, w]. */
    static INDArray weightedSum(INDArray activation, INDArray weights) {
        long[] shape = activation.shape();
        INDArray broadcast = weights.reshape(shape[0], shape[1], 1, 1);
        return activation.mul(broadcast.broadcast(shape)).sum(1);
    }

    private static LayerGradient layerGradient(
            Model model, INDArray input, SaliencyTarget target, String layer, SaliencyContext context) {
        long count = input.size(0);
        INDArray activation = null;
        INDArray gradient = null;
        INDArray weights = target.classWeights().castTo(DataType.FLOAT);
        for (long start = 0; start < count; start += context.maxBatchSize()) {
            context.checkCanceled();
            long end = Math.min(count, start + context.maxBatchSize());
            LayerGradient part = model.layerGradient(
                    input.get(NDArrayIndex.interval(start, end)).castTo(DataType.FLOAT),
                    layer,
                    new Objective.LogitWeights(weights.get(NDArrayIndex.interval(start, end))),
                    target.branch());
            if (activation == null) {
                long[] shape = part.activation().shape();
                shape[0] = count;
                activation = Nd4j.create(DataType.FLOAT, shape);
                gradient = Nd4j.create(DataType.FLOAT, shape);
            }
            activation.get(NDArrayIndex.interval(start, end)).assign(part.activation());
            gradient.get(NDArrayIndex.interval(start, end)).assign(part.gradient());
        }
        return new LayerGradient(layer, activation, gradient, null);
    }
}
