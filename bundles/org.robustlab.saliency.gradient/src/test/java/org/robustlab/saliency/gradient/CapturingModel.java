package org.robustlab.saliency.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.EngineInfo;
import org.robustlab.core.engine.GradientResult;
import org.robustlab.core.engine.LayerGradient;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.engine.Trainer;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.NetworkSpec;

/** Forwards to another model and keeps a copy of every batch that an input-gradient call receives. */
final class CapturingModel implements Model {

    private final Model delegate;

    final List<INDArray> gradientInputs = new ArrayList<>();

    CapturingModel(Model delegate) {
        this.delegate = delegate;
    }

    @Override
    public NetworkSpec spec() {
        return delegate.spec();
    }

    @Override
    public EngineInfo engine() {
        return delegate.engine();
    }

    @Override
    public INDArray logits(INDArray input, Branch branch) {
        return delegate.logits(input, branch);
    }

    @Override
    public GradientResult inputGradient(INDArray input, Objective objective, Branch branch) {
        gradientInputs.add(input.dup());
        return delegate.inputGradient(input, objective, branch);
    }

    @Override
    public LayerGradient layerGradient(INDArray input, String layer, Objective objective, Branch branch) {
        return delegate.layerGradient(input, layer, objective, branch);
    }

    @Override
    public Map<String, INDArray> parameters() {
        return delegate.parameters();
    }

    @Override
    public Trainer trainer(OptimizerSpec optimizer) {
        return delegate.trainer(optimizer);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
