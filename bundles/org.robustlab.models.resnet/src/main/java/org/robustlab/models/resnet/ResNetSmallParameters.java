package org.robustlab.models.resnet;

import java.util.List;

import org.robustlab.core.parameter.Parameter;

/**
 * Parameters of the small CPU ResNet.
 *
 * @param stemWidth output channels of the 3x3 stem convolution
 * @param stemStride stride of the stem convolution
 * @param widths output channels of each stage
 * @param blocks basic blocks per stage
 * @param batchNormMomentum momentum of every batch-norm layer
 */
public record ResNetSmallParameters(
        @Parameter(description = "Output channels of the 3x3 stem convolution", unit = "channels", min = 1, max = 4096)
        int stemWidth,

        @Parameter(
                description = "Stride of the stem convolution: 1 keeps the input resolution (64x64 inputs),"
                        + " 2 halves it (128x128 inputs at about the cost of 64x64)",
                min = 1,
                max = 2)
        int stemStride,

        @Parameter(
                description = "Output channels of each stage; the first stage keeps the resolution, every"
                        + " later stage halves it",
                unit = "channels")
        List<Integer> widths,

        @Parameter(description = "Basic blocks in each stage, one entry per stage", unit = "blocks")
        List<Integer> blocks,

        @Parameter(
                description = "Batch-norm momentum in PyTorch's convention (running = (1 - m) * running + m *"
                        + " batch); PyTorch's default is 0.1, Han et al. (2021) used 0.01",
                min = 0,
                max = 1)
        double batchNormMomentum) {

    public ResNetSmallParameters {
        widths = List.copyOf(widths);
        blocks = List.copyOf(blocks);
        if (stemWidth < 1) {
            throw new IllegalArgumentException("stemWidth must be >= 1, got " + stemWidth);
        }
        if (stemStride != 1 && stemStride != 2) {
            throw new IllegalArgumentException("stemStride must be 1 or 2, got " + stemStride);
        }
        if (widths.isEmpty() || widths.size() != blocks.size()) {
            throw new IllegalArgumentException("widths and blocks need one entry per stage and at least one stage, got"
                    + " widths " + widths + " and blocks " + blocks);
        }
        if (widths.stream().anyMatch(width -> width < 1) || blocks.stream().anyMatch(count -> count < 1)) {
            throw new IllegalArgumentException(
                    "Every stage needs widths >= 1 and blocks >= 1, got widths " + widths + " and blocks " + blocks);
        }
        if (!(batchNormMomentum > 0 && batchNormMomentum <= 1)) {
            throw new IllegalArgumentException("batchNormMomentum must be in (0, 1], got " + batchNormMomentum);
        }
    }

    /** Returns the CPU model of the project's baseline: stem 32, one block per stage of 32/64/128/256 channels. */
    public static ResNetSmallParameters defaults() {
        return new ResNetSmallParameters(32, 1, List.of(32, 64, 128, 256), List.of(1, 1, 1, 1), 0.1);
    }

    /** Returns a copy with another stem stride. */
    public ResNetSmallParameters withStemStride(int stride) {
        return new ResNetSmallParameters(stemWidth, stride, widths, blocks, batchNormMomentum);
    }

    /** Returns a copy with another batch-norm momentum. */
    public ResNetSmallParameters withBatchNormMomentum(double momentum) {
        return new ResNetSmallParameters(stemWidth, stemStride, widths, blocks, momentum);
    }
}
