package org.robustlab.saliency.gradcam;

import java.util.Map;

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
import org.robustlab.core.model.NetworkSpec;

/**
 * A model stub whose layer {@code spec.camLayer()} always has the given activation and gradient, for checking the
 * class-activation-map arithmetic on hand-made feature maps.
 */
final class FixedLayerModel implements Model {

    private final NetworkSpec spec;

    private final INDArray activation;

    private final INDArray gradient;

    FixedLayerModel(NetworkSpec spec, INDArray activation, INDArray gradient) {
        this.spec = spec;
        this.activation = activation;
        this.gradient = gradient;
    }

    @Override
    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public EngineInfo engine() {
        return new EngineInfo("stub", "1", "CPU", 1);
    }

    @Override
    public INDArray logits(INDArray input, Branch branch) {
        return Nd4j.zeros(input.size(0), spec.outputs());
    }

    @Override
    public GradientResult inputGradient(INDArray input, Objective objective, Branch branch) {
        throw new UnsupportedOperationException("not needed by class-activation maps");
    }

    @Override
    public LayerGradient layerGradient(INDArray input, String layer, Objective objective, Branch branch) {
        return new LayerGradient(layer, activation.dup(), gradient.dup(), logits(input, branch));
    }

    @Override
    public Map<String, INDArray> parameters() {
        return Map.of();
    }

    @Override
    public Trainer trainer(OptimizerSpec optimizer) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void close() {}
}
