package org.robustlab.engine.nd4j.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.model.Branch;

/**
 * One SameDiff graph of a model with its gradient function, and the bookkeeping that keeps its memory bounded.
 *
 * <p>SameDiff keeps one execution session, with its own array cache, per graph and per thread id, and never
 * drops the session of a thread that has ended. A graph therefore drops the sessions of other threads whenever
 * the calling thread changes, so that a model handed from worker thread to worker thread (Eclipse Jobs) keeps
 * one cache per graph, not one per thread it has ever seen. Placeholder arrays are released after every call.
 */
final class CompiledGraph implements AutoCloseable {

    private static final String GRADIENT_FUNCTION = "grad";

    private final SameDiff sd;

    private final GraphKind kind;

    private final Branch branch;

    private final List<String> trainable;

    private final List<String> batchNormLayers;

    private long lastThread = -1;

    CompiledGraph(SameDiff sd, GraphKind kind, Branch branch, List<String> trainable, List<String> batchNormLayers) {
        this.sd = sd;
        this.kind = kind;
        this.branch = branch;
        this.trainable = List.copyOf(trainable);
        this.batchNormLayers = List.copyOf(batchNormLayers);
    }

    /** Returns the SameDiff graph, for tests that inspect it. */
    SameDiff sameDiff() {
        return sd;
    }

    GraphKind kind() {
        return kind;
    }

    Branch branch() {
        return branch;
    }

    /** Returns the names of the trainable parameters this graph differentiates, in specification order. */
    List<String> trainable() {
        return trainable;
    }

    /** Returns the batch-norm layers whose batch moments a training graph outputs, in graph order. */
    List<String> batchNormLayers() {
        return batchNormLayers;
    }

    /** Returns the output name of a batch-norm layer's batch mean, for the copy of the network at {@code prefix}. */
    static String batchMean(String prefix, String layer) {
        return prefix + layer + "/" + GraphBuilder.BATCH_MEAN;
    }

    /** Returns the output name of a batch-norm layer's biased batch variance. */
    static String batchVariance(String prefix, String layer) {
        return prefix + layer + "/" + GraphBuilder.BATCH_VARIANCE;
    }

    /** Returns the names of every batch moment of the network copy at {@code prefix}. */
    List<String> momentNames(String prefix) {
        List<String> names = new ArrayList<>();
        for (String layer : batchNormLayers) {
            names.add(batchMean(prefix, layer));
            names.add(batchVariance(prefix, layer));
        }
        return names;
    }

    /** Runs the forward pass and returns the requested outputs. */
    Map<String, INDArray> output(Map<String, INDArray> placeholders, List<String> outputs) {
        prepareThread();
        try {
            return sd.output(placeholders, outputs);
        } finally {
            sd.clearPlaceholders(true);
        }
    }

    /** Runs the forward and backward passes and returns the requested outputs and gradients. */
    OutAndGrad gradients(Map<String, INDArray> placeholders, Collection<String> outputs, Collection<String> variables) {
        prepareThread();
        try {
            return sd.calculateGradientsAndOutputs(placeholders, outputs, variables);
        } finally {
            sd.clearPlaceholders(true);
        }
    }

    private void prepareThread() {
        long current = Thread.currentThread().getId();
        if (current != lastThread) {
            dropSessionsExcept(current);
            lastThread = current;
        }
    }

    private void dropSessionsExcept(long keep) {
        for (SameDiff graph : graphs()) {
            graph.getSessions().entrySet().removeIf(entry -> {
                if (entry.getKey() == keep) {
                    return false;
                }
                closeSession(entry.getValue());
                return true;
            });
        }
    }

    private List<SameDiff> graphs() {
        SameDiff gradient = sd.getFunction(GRADIENT_FUNCTION);
        return gradient == null ? List.of(sd) : List.of(sd, gradient);
    }

    private static void closeSession(InferenceSession session) {
        if (session.getMmgr() != null) {
            session.getMmgr().close();
        }
    }

    @Override
    public void close() {
        dropSessionsExcept(Long.MIN_VALUE);
        sd.clearPlaceholders(true);
    }
}
