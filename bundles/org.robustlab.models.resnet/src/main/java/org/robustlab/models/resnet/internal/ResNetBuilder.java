package org.robustlab.models.resnet.internal;

import java.util.ArrayList;
import java.util.List;

import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkShape;
import org.robustlab.core.model.NetworkSpec;

/**
 * Assembles ResNet specifications (He et al., "Deep Residual Learning for Image Recognition", CVPR 2016) in
 * torchvision's layout and naming.
 *
 * <p>Nodes are named after torchvision's modules with dots replaced by underscores, so that parameter
 * {@code layer2_0_downsample_0.weight} here is {@code layer2.0.downsample.0.weight} in a torchvision state dict.
 * Each block's output after its final ReLU is the node {@code <block>_out}, for example {@code layer4_1_out}.
 * Bottleneck blocks stride in their 3x3 convolution (torchvision's "ResNet v1.5").
 */
public final class ResNetBuilder {

    private static final double BATCH_NORM_EPSILON = 1e-5;

    private final List<Layer> layers = new ArrayList<>();

    private final int inputChannels;

    private final double momentum;

    private String last = NetworkSpec.INPUT;

    private int channels;

    /**
     * Starts a network.
     *
     * @param inputChannels channels of the input images
     * @param momentum batch-norm momentum of every batch-norm layer, in PyTorch's convention
     */
    public ResNetBuilder(int inputChannels, double momentum) {
        this.inputChannels = inputChannels;
        this.channels = inputChannels;
        this.momentum = momentum;
    }

    /** Adds the stem: convolution without bias, batch norm, ReLU and an optional 3x3 stride-2 max pooling. */
    public ResNetBuilder stem(int width, int kernel, int stride, boolean maxPool) {
        convolution("conv1", width, kernel, stride, kernel / 2);
        batchNorm("bn1");
        relu("relu");
        if (maxPool) {
            layers.add(new Layer.MaxPool("maxpool", last, 3, 2, 1));
            last = "maxpool";
        }
        return this;
    }

    /** Adds a basic block: two 3x3 convolutions and a projection shortcut when the shape changes. */
    public ResNetBuilder basicBlock(String name, int width, int stride) {
        String input = last;
        int inChannels = channels;
        convolution(name + "_conv1", width, 3, stride, 1);
        batchNorm(name + "_bn1");
        relu(name + "_relu1");
        convolution(name + "_conv2", width, 3, 1, 1);
        batchNorm(name + "_bn2");
        return residual(name, input, inChannels, stride);
    }

    /** Adds a bottleneck block: 1x1, 3x3 (strided) and 1x1 convolutions to four times {@code width} channels. */
    public ResNetBuilder bottleneck(String name, int width, int stride) {
        String input = last;
        int inChannels = channels;
        convolution(name + "_conv1", width, 1, 1, 0);
        batchNorm(name + "_bn1");
        relu(name + "_relu1");
        convolution(name + "_conv2", width, 3, stride, 1);
        batchNorm(name + "_bn2");
        relu(name + "_relu2");
        convolution(name + "_conv3", width * 4, 1, 1, 0);
        batchNorm(name + "_bn3");
        return residual(name, input, inChannels, stride);
    }

    /** Adds global average pooling and the dense output layer, and returns the specification. */
    public NetworkSpec finish(String architecture, NetworkShape shape) {
        String camLayer = last;
        layers.add(new Layer.GlobalAveragePool("avgpool", last));
        layers.add(new Layer.Dense("fc", "avgpool", channels, shape.outputs(), true));
        return new NetworkSpec(
                architecture,
                inputChannels,
                shape.outputs(),
                shape.head(),
                shape.normalization(),
                layers,
                "fc",
                camLayer);
    }

    private ResNetBuilder residual(String name, String input, int inChannels, int stride) {
        String body = last;
        int outChannels = channels;
        String shortcut = input;
        if (stride != 1 || inChannels != outChannels) {
            last = input;
            channels = inChannels;
            convolution(name + "_downsample_0", outChannels, 1, stride, 0);
            batchNorm(name + "_downsample_1");
            shortcut = last;
        }
        layers.add(new Layer.Add(name + "_add", List.of(body, shortcut)));
        last = name + "_add";
        relu(name + "_out");
        return this;
    }

    private void convolution(String name, int outChannels, int kernel, int stride, int padding) {
        layers.add(new Layer.Conv2d(name, last, channels, outChannels, kernel, stride, padding, false));
        last = name;
        channels = outChannels;
    }

    private void batchNorm(String name) {
        layers.add(new Layer.BatchNorm(name, last, channels, BATCH_NORM_EPSILON, momentum));
        last = name;
    }

    private void relu(String name) {
        layers.add(new Layer.Relu(name, last));
        last = name;
    }

    /**
     * Checks that the input is at least as large as the network's total stride.
     *
     * @throws IllegalArgumentException naming the architecture, the input size and the minimum
     */
    public static void requireInputSize(String architecture, NetworkShape shape, int totalStride) {
        if (shape.height() < totalStride || shape.width() < totalStride) {
            throw new IllegalArgumentException(architecture + " downsamples by " + totalStride + ", so inputs need at"
                    + " least " + totalStride + "x" + totalStride + " pixels; got " + shape.height() + "x"
                    + shape.width());
        }
    }
}
