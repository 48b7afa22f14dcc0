package org.robustlab.engine.djl.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

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

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A network compiled for libtorch. Every pass runs in its own memory scope, which frees the pass's tensors when
 * it ends. Gradient passes record only what leads back to the input or to the chosen layer, never weight
 * gradients, because the weights require gradients only during a training step.
 */
public final class PyTorchModel implements Model {

    private final NetworkSpec spec;

    private final EngineInfo engine;

    private final NDManager manager;

    private final ParameterStore parameters;

    private final NetworkRunner runner;

    private final LossFunctions losses;

    private boolean closed;

    /**
     * Compiles {@code spec} with a copy of {@code values}.
     *
     * @param manager the manager that owns the model's tensors; closing the model closes it
     */
    public PyTorchModel(NetworkSpec spec, Map<String, INDArray> values, EngineInfo engine, NDManager manager) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.engine = engine;
        this.manager = manager;
        try {
            this.parameters = new ParameterStore(spec, values, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        this.runner = new NetworkRunner(spec, parameters);
        this.losses = new LossFunctions(spec.head(), spec.outputs());
    }

    @Override
    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public EngineInfo engine() {
        return engine;
    }

    @Override
    public INDArray logits(INDArray input, Branch branch) {
        checkInput(input, branch);
        try (ArrayScope scope = new ArrayScope(manager);
                GradMode off = GradMode.disabled()) {
            NDArray x = scope.toTensor(input);
            return ArrayScope.toNd4j(runner.run(x, branch, false, null).logits());
        }
    }

    @Override
    public GradientResult inputGradient(INDArray input, Objective objective, Branch branch) {
        checkInput(input, branch);
        Objects.requireNonNull(objective, "objective");
        try (ArrayScope scope = new ArrayScope(manager);
                GradMode on = GradMode.enabled()) {
            NDArray x = scope.toTensor(input);
            x.setRequiresGradient(true);
            NDArray logits = runner.run(x, branch, false, null).logits();
            NDArray values = losses.objective(objective, logits, scope);
            GradMode.backward(values.sum());
            return new GradientResult(
                    ArrayScope.toNd4j(x.getGradient()), ArrayScope.toNd4j(logits), ArrayScope.toNd4j(values));
        }
    }

    @Override
    public LayerGradient layerGradient(INDArray input, String layer, Objective objective, Branch branch) {
        checkInput(input, branch);
        Objects.requireNonNull(objective, "objective");
        spec.layer(layer);
        try (ArrayScope scope = new ArrayScope(manager);
                GradMode on = GradMode.enabled()) {
            NetworkRunner.Pass pass = runner.run(scope.toTensor(input), branch, false, layer);
            NDArray values = losses.objective(objective, pass.logits(), scope);
            GradMode.backward(values.sum());
            return new LayerGradient(
                    layer,
                    ArrayScope.toNd4j(pass.tapped()),
                    ArrayScope.toNd4j(pass.tapped().getGradient()),
                    ArrayScope.toNd4j(pass.logits()));
        }
    }

    @Override
    public Map<String, INDArray> parameters() {
        checkOpen();
        return parameters.copyToNd4j();
    }

    @Override
    public Trainer trainer(OptimizerSpec optimizer) {
        checkOpen();
        return new PyTorchTrainer(this, Objects.requireNonNull(optimizer, "optimizer"));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    NDManager manager() {
        return manager;
    }

    ParameterStore parameterStore() {
        return parameters;
    }

    NetworkRunner runner() {
        return runner;
    }

    LossFunctions losses() {
        return losses;
    }

    /** Checks that the model is open and {@code input} is a float batch [N, C, H, W] with the network's channels. */
    void checkInput(INDArray input, Branch branch) {
        checkOpen();
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(branch, "branch");
        long[] shape = input.shape();
        if (shape.length != 4 || shape[1] != spec.inputChannels() || shape[0] == 0) {
            throw new IllegalArgumentException("Input has shape " + Arrays.toString(shape) + ", expected [N, "
                    + spec.inputChannels() + ", H, W] with N > 0");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The model is closed");
        }
    }
}
