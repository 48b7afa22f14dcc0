package org.robustlab.models.resnet;

import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.model.ModelArchitecture;
import org.robustlab.core.model.NetworkShape;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.models.resnet.internal.ResNetBuilder;

/**
 * ResNet-18 in torchvision's layout: 7x7 stride-2 stem, 3x3 stride-2 max pooling, four stages of two basic blocks
 * with 64/128/256/512 channels. At 3 input channels and 1000 outputs it has 11,689,512 parameters, as
 * {@code torchvision.models.resnet18}.
 */
@Component(service = ModelArchitecture.class)
@ContributionMetadata(
        id = "resnet-18",
        label = "ResNet-18",
        description = "ResNet-18 as in torchvision (11.7 M parameters at 3 channels and 1000 classes); needs inputs of"
                + " at least 32x32 pixels, meant for GPU work.")
public final class ResNet18Architecture implements ModelArchitecture<TorchvisionResNetParameters> {

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
        ResNetBuilder.requireInputSize("resnet-18", shape, 32);
        ResNetBuilder builder =
                new ResNetBuilder(shape.channels(), parameters.batchNormMomentum()).stem(64, 7, 2, true);
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < widths.length; stage++) {
            for (int block = 0; block < 2; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                builder.basicBlock("layer" + (stage + 1) + "_" + block, widths[stage], stride);
            }
        }
        return builder.finish("resnet-18", shape);
    }
}
