package org.robustlab.experiment.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eclipse.core.runtime.OperationCanceledException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyTarget;
import org.robustlab.experiment.ContributionChoice;
import org.robustlab.experiment.EvaluationSettings;

/**
 * Chooses the test images whose saliency maps are computed, and computes the maps of every model and method.
 *
 * <p>When the dataset has ground-truth masks, only images with a mask are chosen, because localisation is measured
 * on them; otherwise any test image qualifies. A seeded sample of at most {@code saliencyCases} images is taken.
 * Each map explains the true labels: the labelled class of a softmax model, or the weighted set of positive labels
 * of a sigmoid model, as Han et al. (2021) do.
 */
final class SaliencyStep {

    private final RunSession session;

    SaliencyStep(RunSession session) {
        this.session = session;
    }

    /** Returns the positions in the test split of the saliency cases, in ascending order. */
    List<Integer> chooseCases(SplitData test) {
        List<Integer> withMask = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            if (test.sample(i).hasMask()) {
                withMask.add(i);
            }
        }
        List<Integer> candidates = withMask.isEmpty() ? SplitData.range(0, test.size()) : withMask;
        List<Integer> shuffled = new ArrayList<>(candidates);
        Collections.shuffle(shuffled, new Random(session.experiment().seed()));
        int count = Math.min(
                shuffled.size(), session.experiment().evaluation().settings().saliencyCases());
        List<Integer> chosen = new ArrayList<>(shuffled.subList(0, count));
        Collections.sort(chosen);
        return chosen;
    }

    /** Returns the class weights the maps explain, [N, outputs]. */
    static INDArray targets(INDArray labels, Head head) {
        float[][] values = labels.castTo(DataType.FLOAT).toFloatMatrix();
        for (float[] row : values) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Float.isNaN(row[j]) ? 0 : row[j];
            }
            if (head == Head.SOFTMAX) {
                int best = 0;
                for (int j = 1; j < row.length; j++) {
                    best = row[j] > row[best] ? j : best;
                }
                java.util.Arrays.fill(row, 0);
                row[best] = 1;
            }
        }
        return Nd4j.createFromArray(values);
    }

    /** Returns the maps [N, H, W] of every method for one model, by method id in experiment order. */
    Map<String, INDArray> maps(Model model, Branch branch, INDArray images, INDArray targets) {
        EvaluationSettings settings = session.experiment().evaluation().settings();
        Predictions batches =
                new Predictions(settings.batchSize(), session.experiment().seed(), session.monitor());
        Map<String, INDArray> maps = new LinkedHashMap<>();
        for (ContributionChoice method : session.experiment().evaluation().saliency()) {
            List<INDArray> parts = new ArrayList<>();
            for (long start = 0; start < images.size(0); start += settings.batchSize()) {
                if (session.monitor().isCanceled()) {
                    throw new OperationCanceledException();
                }
                SaliencyTarget target = new SaliencyTarget(batches.rows(targets, start), branch);
                SaliencyContext context =
                        new SaliencyContext(session.experiment().seed(), settings.batchSize(), session.monitor());
                INDArray input = batches.rows(images, start);
                parts.add(session.call(
                        session.catalog().saliency(),
                        method.id(),
                        contribution -> explain(contribution, model, input, target, method.parameters(), context)));
            }
            maps.put(method.id(), Nd4j.concat(0, parts.toArray(INDArray[]::new)).castTo(DataType.FLOAT));
        }
        return maps;
    }

    @SuppressWarnings("unchecked")
    private static INDArray explain(
            SaliencyMethod<?> method,
            Model model,
            INDArray input,
            SaliencyTarget target,
            Record parameters,
            SaliencyContext context) {
        return ((SaliencyMethod<Record>) method)
                .explain(model, input, target, parameters, context)
                .maps();
    }
}
