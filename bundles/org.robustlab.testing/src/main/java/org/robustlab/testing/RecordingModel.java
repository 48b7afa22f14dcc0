package org.robustlab.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

/**
 * A model that forwards every call to another model and records what it received: the kind of call, the branch,
 * the batch size, and the minimum and maximum input value. Tests use it to check that an attack only queries the
 * network with valid images, through the requested branch, and reports its gradient passes honestly.
 *
 * <p>{@link #close()} is recorded and not forwarded, so the test that owns the delegate decides when to close it.
 */
public final class RecordingModel implements Model {

    private final Model delegate;

    private final List<Call> calls = new ArrayList<>();

    private int closeCount;

    /** The kind of a recorded call. */
    public enum Kind {
        /** {@link Model#logits}: one forward pass. */
        LOGITS,
        /** {@link Model#inputGradient}: one forward and one backward pass. */
        INPUT_GRADIENT,
        /** {@link Model#layerGradient}: one forward and one backward pass. */
        LAYER_GRADIENT
    }

    /**
     * One recorded call.
     *
     * @param kind the method called
     * @param branch the batch-norm branch requested
     * @param batchSize the number of images in the input
     * @param min the smallest input value, NaN when the input holds NaN
     * @param max the largest input value, NaN when the input holds NaN
     * @param finite whether every input value is finite
     */
    public record Call(Kind kind, Branch branch, long batchSize, double min, double max, boolean finite) {}

    public RecordingModel(Model delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** Returns the calls recorded so far, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Returns the number of recorded calls of one kind. */
    public long count(Kind kind) {
        return calls.stream().filter(call -> call.kind() == kind).count();
    }

    /** Returns the number of times {@link #close()} was called. */
    public int closeCount() {
        return closeCount;
    }

    /** Forgets the recorded calls. */
    public void clear() {
        calls.clear();
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
        record(Kind.LOGITS, input, branch);
        return delegate.logits(input, branch);
    }

    @Override
    public GradientResult inputGradient(INDArray input, Objective objective, Branch branch) {
        record(Kind.INPUT_GRADIENT, input, branch);
        return delegate.inputGradient(input, objective, branch);
    }

    @Override
    public LayerGradient layerGradient(INDArray input, String layer, Objective objective, Branch branch) {
        record(Kind.LAYER_GRADIENT, input, branch);
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
        closeCount++;
    }

    private void record(Kind kind, INDArray input, Branch branch) {
        double[] values =
                input.castTo(DataType.DOUBLE).dup('c').reshape(input.length()).toDoubleVector();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean finite = true;
        for (double value : values) {
            finite &= Double.isFinite(value);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        calls.add(new Call(kind, branch, input.size(0), min, max, finite));
    }
}
