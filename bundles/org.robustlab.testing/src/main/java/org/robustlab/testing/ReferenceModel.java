package org.robustlab.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
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
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;

/**
 * A {@link Model} that interprets its {@link NetworkSpec} layer by layer in double precision, with gradients
 * derived by hand for each layer kind. It is slow and meant for tiny test networks, where it provides values
 * independent of any engine. It supports inference only: {@link #trainer(OptimizerSpec)} throws.
 */
public final class ReferenceModel implements Model {

    /** Engine information reported by reference models. */
    public static final EngineInfo INFO = new EngineInfo("Robustlab reference interpreter", "1", "CPU (Java)", 1);

    private final NetworkSpec spec;

    private final Map<String, double[]> parameters;

    private boolean closed;

    ReferenceModel(NetworkSpec spec, Map<String, double[]> parameters) {
        this.spec = spec;
        this.parameters = parameters;
    }

    private record Pass(Map<String, ReferenceTensor> activations, ReferenceTensor logits) {}

    @Override
    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public EngineInfo engine() {
        return INFO;
    }

    @Override
    public INDArray logits(INDArray input, Branch branch) {
        return forward(input, branch).logits().toFloatArray();
    }

    @Override
    public GradientResult inputGradient(INDArray input, Objective objective, Branch branch) {
        Pass pass = forward(input, branch);
        double[] values = new double[pass.logits().n];
        Map<String, ReferenceTensor> gradients = backward(pass, objective, branch, values);
        return new GradientResult(
                gradients.get(NetworkSpec.INPUT).toFloatArray(),
                pass.logits().toFloatArray(),
                Nd4j.createFromArray(values).castTo(DataType.FLOAT));
    }

    @Override
    public LayerGradient layerGradient(INDArray input, String layer, Objective objective, Branch branch) {
        if (!NetworkSpec.INPUT.equals(layer)) {
            spec.layer(layer);
        }
        Pass pass = forward(input, branch);
        Map<String, ReferenceTensor> gradients = backward(pass, objective, branch, new double[pass.logits().n]);
        ReferenceTensor gradient =
                gradients.getOrDefault(layer, pass.activations().get(layer).zerosLike());
        return new LayerGradient(
                layer,
                pass.activations().get(layer).toFloatArray(),
                gradient.toFloatArray(),
                pass.logits().toFloatArray());
    }

    @Override
    public Map<String, INDArray> parameters() {
        checkOpen();
        Map<String, INDArray> copy = new LinkedHashMap<>();
        spec.parameters()
                .forEach((name, tensor) -> copy.put(
                        name,
                        Nd4j.createFromArray(parameters.get(name))
                                .reshape('c', tensor.shape())
                                .castTo(DataType.FLOAT)));
        return copy;
    }

    @Override
    public Trainer trainer(OptimizerSpec optimizer) {
        throw new UnsupportedOperationException(
                "The reference model supports inference only; use an engine such" + " as nd4j to train");
    }

    @Override
    public void close() {
        closed = true;
    }

    private Pass forward(INDArray input, Branch branch) {
        checkOpen();
        if (input.rank() != 4 || input.size(1) != spec.inputChannels()) {
            throw new IllegalArgumentException("Input must be [N, " + spec.inputChannels() + ", H, W], got "
                    + java.util.Arrays.toString(input.shape()));
        }
        ReferenceLayers layers = new ReferenceLayers(spec, parameters, branch);
        Map<String, ReferenceTensor> activations = new HashMap<>();
        activations.put(NetworkSpec.INPUT, ReferenceTensor.of(input));
        for (Layer layer : spec.layers()) {
            activations.put(layer.name(), layers.forward(layer, inputsOf(layer, activations)));
        }
        return new Pass(activations, activations.get(spec.output()));
    }

    private Map<String, ReferenceTensor> backward(Pass pass, Objective objective, Branch branch, double[] values) {
        ReferenceLayers layers = new ReferenceLayers(spec, parameters, branch);
        Map<String, ReferenceTensor> gradients = new HashMap<>();
        gradients.put(spec.output(), ReferenceObjectives.gradient(objective, spec.head(), pass.logits(), values));
        List<Layer> reversed = new ArrayList<>(spec.layers());
        java.util.Collections.reverse(reversed);
        for (Layer layer : reversed) {
            ReferenceTensor outputGradient = gradients.get(layer.name());
            if (outputGradient == null) {
                continue;
            }
            List<ReferenceTensor> inputs = inputsOf(layer, pass.activations());
            List<ReferenceTensor> inputGradients = layers.backward(layer, inputs, outputGradient);
            for (int i = 0; i < inputs.size(); i++) {
                ReferenceTensor input = inputs.get(i);
                ReferenceTensor sum = gradients.computeIfAbsent(layer.inputs().get(i), key -> input.zerosLike());
                sum.addInPlace(inputGradients.get(i));
            }
        }
        gradients.computeIfAbsent(
                NetworkSpec.INPUT, key -> pass.activations().get(key).zerosLike());
        return gradients;
    }

    private static List<ReferenceTensor> inputsOf(Layer layer, Map<String, ReferenceTensor> activations) {
        return layer.inputs().stream().map(activations::get).toList();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The model " + spec.architecture() + " is closed");
        }
    }
}
