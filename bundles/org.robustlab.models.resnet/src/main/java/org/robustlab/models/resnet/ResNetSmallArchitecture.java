package org.robustlab.models.resnet;

import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.model.ModelArchitecture;
import org.robustlab.core.model.NetworkShape;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.models.resnet.internal.ResNetBuilder;

/**
 * A small ResNet for CPU work: a 3x3 stem convolution with batch norm and ReLU, stages of basic blocks, global
 * average pooling and a dense layer. The first stage keeps the resolution and each later one halves it, with 1x1
 * projection shortcuts where the shape changes. With the defaults, 1 input channel and 2 outputs it has 1,226,338
 * trainable parameters, 1,229,218 with dual batch norm.
 */
@Component(service = ModelArchitecture.class)
@ContributionMetadata(
        id = "resnet-small",
        label = "ResNet small (CPU)",
        description = "Small ResNet for CPU training: 3x3 stem (stride 1, or 2 for 128x128 inputs), four stages of"
                + " basic blocks with 32/64/128/256 channels, global average pooling; about 1.2 M parameters.")
public final class ResNetSmallArchitecture implements ModelArchitecture<ResNetSmallParameters> {

    @Override
    public Class<ResNetSmallParameters> parameterType() {
        return ResNetSmallParameters.class;
    }

    @Override
    public ResNetSmallParameters defaultParameters() {
        return ResNetSmallParameters.defaults();
    }

    @Override
    public NetworkSpec build(NetworkShape shape, ResNetSmallParameters parameters) {
        int totalStride = parameters.stemStride() << (parameters.widths().size() - 1);
        ResNetBuilder.requireInputSize("resnet-small", shape, totalStride);
        ResNetBuilder builder = new ResNetBuilder(shape.channels(), parameters.batchNormMomentum())
                .stem(parameters.stemWidth(), 3, parameters.stemStride(), false);
        for (int stage = 0; stage < parameters.widths().size(); stage++) {
            for (int block = 0; block < parameters.blocks().get(stage); block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                builder.basicBlock(
                        "layer" + (stage + 1) + "_" + block, parameters.widths().get(stage), stride);
            }
        }
        return builder.finish("resnet-small", shape);
    }
}
