package org.robustlab.engine.nd4j.internal;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
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
import org.robustlab.core.model.Normalization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network compiled into SameDiff graphs over one {@link ParameterStore}.
 *
 * <p>Graphs are built on first use and cached: per batch-norm branch one inference graph, one training graph and,
 * for TRADES terms, one graph with two copies of the network. A single-BN network uses the clean graphs for both
 * branches. Building a ResNet graph and its gradient function takes seconds, so the cache matters.
 */
public final class SameDiffModel implements Model {

    private static final Logger LOG = LoggerFactory.getLogger(SameDiffModel.class);

    private final NetworkSpec spec;

    private final EngineInfo engine;

    private final ParameterStore store;

    private final Map<GraphKind, Map<Branch, CompiledGraph>> graphs = new EnumMap<>(GraphKind.class);

    private final Map<List<Long>, NetworkGeometry> geometries = new HashMap<>();

    private boolean closed;

    /**
     * Compiles {@code spec} over a copy of {@code parameters} at the given precision.
     *
     * @throws IllegalArgumentException when the parameters do not match the specification
     */
    public SameDiffModel(NetworkSpec spec, Map<String, INDArray> parameters, DataType precision, EngineInfo engine) {
        if (precision != DataType.FLOAT && precision != DataType.DOUBLE) {
            throw new IllegalArgumentException("precision must be FLOAT or DOUBLE, got " + precision);
        }
        this.spec = spec;
        this.engine = engine;
        this.store = ParameterStore.copyOf(spec, parameters, precision);
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
        INDArray x = prepareInput(input);
        Map<String, INDArray> outputs =
                graph(GraphKind.INFERENCE, branch).output(Map.of(NetworkSpec.INPUT, x), List.of(spec.output()));
        OffHeapPolicy.afterPass();
        return outputs.get(spec.output());
    }

    @Override
    public GradientResult inputGradient(INDArray input, Objective objective, Branch branch) {
        INDArray x = prepareInput(input);
        LossCoefficients coefficients = coefficients(objective, x);
        OutAndGrad result = graph(GraphKind.INFERENCE, branch)
                .gradients(
                        placeholders(x, coefficients),
                        List.of(spec.output(), GraphBuilder.OBJECTIVE),
                        List.of(NetworkSpec.INPUT));
        OffHeapPolicy.afterPass();
        return new GradientResult(
                result.getGradients().get(NetworkSpec.INPUT),
                result.getOutputs().get(spec.output()),
                objectives(result, coefficients));
    }

    @Override
    public LayerGradient layerGradient(INDArray input, String layer, Objective objective, Branch branch) {
        spec.layer(layer);
        INDArray x = prepareInput(input);
        LossCoefficients coefficients = coefficients(objective, x);
        OutAndGrad result = graph(GraphKind.INFERENCE, branch)
                .gradients(placeholders(x, coefficients), List.of(layer, spec.output()), List.of(layer));
        OffHeapPolicy.afterPass();
        return new LayerGradient(
                layer,
                result.getOutputs().get(layer),
                result.getGradients().get(layer),
                result.getOutputs().get(spec.output()));
    }

    @Override
    public Map<String, INDArray> parameters() {
        checkOpen();
        return store.snapshot();
    }

    /** Returns a copy of every parameter and buffer at the model's own precision. */
    public Map<String, INDArray> exactParameters() {
        checkOpen();
        return store.exactSnapshot();
    }

    /** Returns the floating-point precision the model computes in. */
    public DataType precision() {
        return store.dataType();
    }

    @Override
    public Trainer trainer(OptimizerSpec optimizer) {
        checkOpen();
        return new SameDiffTrainer(this, Optimizer.create(optimizer), optimizer.learningRate());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        graphs.values().forEach(byBranch -> byBranch.values().forEach(CompiledGraph::close));
        graphs.clear();
        store.close();
    }

    ParameterStore store() {
        return store;
    }

    /** Returns the cached graph of a kind for a branch, building it on first use. */
    CompiledGraph graph(GraphKind kind, Branch branch) {
        checkOpen();
        Branch effective = spec.normalization() == Normalization.SINGLE ? Branch.CLEAN : branch;
        return graphs.computeIfAbsent(kind, k -> new EnumMap<>(Branch.class))
                .computeIfAbsent(effective, b -> compile(kind, b));
    }

    private CompiledGraph compile(GraphKind kind, Branch branch) {
        long start = System.nanoTime();
        CompiledGraph graph = GraphBuilder.build(spec, store, kind, branch);
        LOG.debug(
                "Compiled the {} graph of {} for the {} branch in {} ms",
                kind,
                spec.architecture(),
                branch,
                (System.nanoTime() - start) / 1_000_000);
        return graph;
    }

    /** Returns the node shapes for inputs of this size, checking that the network can take them. */
    NetworkGeometry geometry(INDArray input) {
        List<Long> key = List.of(input.size(2), input.size(3));
        return geometries.computeIfAbsent(key, k -> NetworkGeometry.of(spec, k.get(0), k.get(1)));
    }

    /**
     * Checks an input batch and returns it at the model's precision as a dense C-order array.
     *
     * @throws IllegalArgumentException when it is not [N, C, H, W] with the network's channels
     */
    INDArray prepareInput(INDArray input) {
        checkOpen();
        if (input.rank() != 4 || input.size(1) != spec.inputChannels() || input.size(0) == 0) {
            throw new IllegalArgumentException("input has shape " + Arrays.toString(input.shape()) + ", expected [N, "
                    + spec.inputChannels() + ", H, W] with N > 0");
        }
        geometry(input);
        INDArray x = input.castTo(store.dataType());
        return x.isView() || x.ordering() != 'c' ? x.dup('c') : x;
    }

    private LossCoefficients coefficients(Objective objective, INDArray x) {
        return LossCoefficients.of(objective, spec.head(), x.size(0), spec.outputs(), store.dataType());
    }

    private static Map<String, INDArray> placeholders(INDArray x, LossCoefficients coefficients) {
        Map<String, INDArray> placeholders = new HashMap<>(coefficients.values());
        placeholders.put(NetworkSpec.INPUT, x);
        return placeholders;
    }

    private static INDArray objectives(OutAndGrad result, LossCoefficients coefficients) {
        INDArray objectives = result.getOutputs().get(GraphBuilder.OBJECTIVE);
        return coefficients.offsets() == null ? objectives : objectives.add(coefficients.offsets());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The model of " + spec.architecture() + " is closed");
        }
    }
}
