package org.robustlab.metrics.robustness;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.robustlab.core.attack.AttackContext;
import org.robustlab.core.attack.AttackGenerator;
import org.robustlab.core.attack.AttackGoal;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;

/** Runs an attack over a data set in batches. */
final class AttackBatches {

    private AttackBatches() {}

    /**
     * Returns the adversarial images [N, C, H, W] of an untargeted attack away from the true labels. For a sigmoid
     * head, labels that are NaN or masked out are left out of the attack's loss.
     */
    static <P extends Record> INDArray generate(
            AttackGenerator<P> attack,
            Model model,
            INDArray images,
            INDArray labels,
            INDArray mask,
            Branch branch,
            P parameters,
            AttackContext context,
            int batchSize) {
        INDArray adversarial = Nd4j.create(DataType.FLOAT, images.shape());
        double[][] known = labels.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] masked = mask == null ? null : mask.castTo(DataType.DOUBLE).toDoubleMatrix();
        boolean anyMasked = false;
        double[][] counted = new double[known.length][];
        for (int i = 0; i < known.length; i++) {
            counted[i] = new double[known[i].length];
            for (int l = 0; l < known[i].length; l++) {
                boolean keep = !Double.isNaN(known[i][l]) && (masked == null || masked[i][l] != 0);
                counted[i][l] = keep ? 1 : 0;
                anyMasked |= !keep;
                known[i][l] = Double.isNaN(known[i][l]) ? 0 : known[i][l];
            }
        }
        INDArray cleanLabels = Nd4j.createFromArray(known);
        INDArray combinedMask = anyMasked && model.spec().head() == Head.SIGMOID ? Nd4j.createFromArray(counted) : null;
        long count = images.size(0);
        for (long start = 0; start < count; start += batchSize) {
            long end = Math.min(count, start + batchSize);
            INDArray rows = images.get(NDArrayIndex.interval(start, end)).castTo(DataType.FLOAT);
            AttackGoal goal = new AttackGoal(
                    cleanLabels.get(NDArrayIndex.interval(start, end)).castTo(DataType.FLOAT),
                    combinedMask == null
                            ? null
                            : combinedMask
                                    .get(NDArrayIndex.interval(start, end))
                                    .castTo(DataType.FLOAT),
                    false,
                    branch);
            adversarial
                    .get(NDArrayIndex.interval(start, end))
                    .assign(attack.generate(model, rows, goal, parameters, context)
                            .adversarial());
        }
        return adversarial;
    }
}
