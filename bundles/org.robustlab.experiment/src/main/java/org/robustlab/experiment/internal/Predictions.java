package org.robustlab.experiment.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.robustlab.core.attack.AttackContext;
import org.robustlab.core.attack.AttackGenerator;
import org.robustlab.core.attack.AttackGoal;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;

/** Model scores on clean and attacked images, computed in batches. */
final class Predictions {

    private final int batchSize;

    private final long seed;

    private final IProgressMonitor monitor;

    Predictions(int batchSize, long seed, IProgressMonitor monitor) {
        this.batchSize = batchSize;
        this.seed = seed;
        this.monitor = monitor;
    }

    /** Returns the probabilities [N, outputs] of {@code model} on {@code images} through {@code branch}. */
    INDArray scores(Model model, INDArray images, Branch branch) {
        Head head = model.spec().head();
        List<INDArray> parts = new ArrayList<>();
        for (long start = 0; start < images.size(0); start += batchSize) {
            checkCancelled();
            INDArray batch = rows(images, start);
            parts.add(Scores.probabilities(model.logits(batch, branch), head));
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    /**
     * Attacks {@code model} through {@code branch}, untargeted against the true labels, and returns its
     * probabilities on the adversarial images; with {@code epsilon == 0} the clean images are scored.
     *
     * @param labels [N, outputs] with unknown labels set to 0
     * @param labelMask [N, outputs] with 0 for unknown labels, or {@code null}
     */
    INDArray attackedScores(
            Model model,
            Branch branch,
            AttackGenerator<Record> attack,
            Record parameters,
            double epsilon,
            INDArray images,
            INDArray labels,
            INDArray labelMask) {
        if (epsilon == 0) {
            return scores(model, images, branch);
        }
        Head head = model.spec().head();
        List<INDArray> parts = new ArrayList<>();
        for (long start = 0; start < images.size(0); start += batchSize) {
            checkCancelled();
            INDArray mask = labelMask == null ? null : rows(labelMask, start);
            AttackGoal goal = new AttackGoal(rows(labels, start), mask, false, branch);
            AttackContext context = new AttackContext(0, 1, seed + start, monitor);
            INDArray adversarial = attack.generate(model, rows(images, start), goal, parameters, context)
                    .adversarial();
            parts.add(Scores.probabilities(model.logits(adversarial, branch), head));
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    /** Returns rows {@code start} to {@code start + batchSize} (exclusive, clipped) of {@code array}. */
    INDArray rows(INDArray array, long start) {
        long end = Math.min(array.size(0), start + batchSize);
        return array.get(NDArrayIndex.interval(start, end)).dup();
    }

    private void checkCancelled() {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
