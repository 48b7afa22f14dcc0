package org.robustlab.models.resnet;

import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.model.ModelArchitecture;
import org.robustlab.core.model.NetworkShape;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.models.resnet.internal.ResNetBuilder;

/**
 * ResNet-50 in torchvision's layout: 7x7 stride-2 stem, 3x3 stride-2 max pooling, four stages of 3/4/6/3
 * bottleneck blocks with 256/512/1024/2048 output channels, striding in the 3x3 convolutions. At 3 input channels
 * and 1000 outputs it has 25,557,032 parameters, as {@code torchvision.models.resnet50}; it is the network of
 * Han et al. (Nature Communications 12, 4315, 2021) for chest X-rays.
 */
@Component(service = ModelArchitecture.class)
@ContributionMetadata(
        id = "resnet-50",
        label = "ResNet-50",
        description = "ResNet-50 as in torchvision (25.6 M parameters at 3 channels and 1000 classes), the network of"
                + " Han et al. (2021); needs inputs of at least 32x32 pixels, meant for GPU work.")
public final class ResNet50Architecture implements ModelArchitecture<TorchvisionResNetParameters> {

    private static final int[] BLOCKS = {3, 4, 6, 3};

    @Override
    public Class<TorchvisionResNetParameters> parameterType() {
        return TorchvisionResNetParameters.class;
    }

    @Override
    public TorchvisionResNetParameters defaultParameters() {
        return TorchvisionResNetParameters.defaults();
    }

    @Override
    public NetworkSpec build(NetworkShape shape, TorchvisionResNetParameters parameters) {
        ResNetBuilder.requireInputSize("resnet-50", shape, 32);
        ResNetBuilder builder =
                new ResNetBuilder(shape.channels(), parameters.batchNormMomentum()).stem(64, 7, 2, true);
        for (int stage = 0; stage < BLOCKS.length; stage++) {
            for (int block = 0; block < BLOCKS[stage]; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                builder.bottleneck("layer" + (stage + 1) + "_" + block, 64 << stage, stride);
            }
        }
        return builder.finish("resnet-50", shape);
    }
}
