package org.robustlab.experiment.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.DoubleStream;

import org.eclipse.core.runtime.OperationCanceledException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyResult;
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
        return chooseCases(test, session.experiment().evaluation().settings().saliencyCases());
    }

    /** Returns the positions of at most {@code count} cases, chosen as {@link #chooseCases(SplitData)} does. */
    List<Integer> chooseCases(SplitData test, int count) {
        List<Integer> withMask = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            if (test.sample(i).hasMask()) {
                withMask.add(i);
            }
        }
        List<Integer> candidates = withMask.isEmpty() ? SplitData.range(0, test.size()) : withMask;
        List<Integer> shuffled = new ArrayList<>(candidates);
        Collections.shuffle(shuffled, new Random(session.experiment().seed()));
        List<Integer> chosen = new ArrayList<>(shuffled.subList(0, Math.min(shuffled.size(), count)));
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
        Map<String, INDArray> maps = new LinkedHashMap<>();
        for (ContributionChoice method : session.experiment().evaluation().saliency()) {
            maps.put(
                    method.id(), explain(model, branch, images, targets, method).maps());
        }
        return maps;
    }

    /**
     * Returns the maps [N, H, W] of one method for one model, computed in batches of the evaluation batch size,
     * with the details of the batches joined: per-image number arrays are concatenated in image order, and
     * other details are those of the first batch.
     */
    SaliencyResult explain(Model model, Branch branch, INDArray images, INDArray targets, ContributionChoice method) {
        EvaluationSettings settings = session.experiment().evaluation().settings();
        Predictions batches =
                new Predictions(settings.batchSize(), session.experiment().seed(), session.monitor());
        List<INDArray> parts = new ArrayList<>();
        List<Map<String, Object>> details = new ArrayList<>();
        for (long start = 0; start < images.size(0); start += settings.batchSize()) {
            if (session.monitor().isCanceled()) {
                throw new OperationCanceledException();
            }
            SaliencyTarget target = new SaliencyTarget(batches.rows(targets, start), branch);
            SaliencyContext context =
                    new SaliencyContext(session.experiment().seed(), settings.batchSize(), session.monitor());
            INDArray input = batches.rows(images, start);
            SaliencyResult result = session.call(
                    session.catalog().saliency(),
                    method.id(),
                    contribution -> explain(contribution, model, input, target, method.parameters(), context));
            parts.add(result.maps());
            details.add(result.details());
        }
        INDArray maps = Nd4j.concat(0, parts.toArray(INDArray[]::new)).castTo(DataType.FLOAT);
        return new SaliencyResult(maps, joinDetails(details, parts));
    }

    private static Map<String, Object> joinDetails(List<Map<String, Object>> details, List<INDArray> parts) {
        Map<String, Object> joined = new LinkedHashMap<>();
        for (String key : details.get(0).keySet()) {
            boolean perImage = true;
            for (int b = 0; b < details.size(); b++) {
                perImage &= details.get(b).get(key) instanceof double[] values
                        && values.length == parts.get(b).size(0);
            }
            if (perImage) {
                joined.put(
                        key,
                        details.stream()
                                .flatMapToDouble(d -> DoubleStream.of((double[]) d.get(key)))
                                .toArray());
            } else {
                joined.put(key, details.get(0).get(key));
            }
        }
        return joined;
    }

    @SuppressWarnings("unchecked")
    private static SaliencyResult explain(
            SaliencyMethod<?> method,
            Model model,
            INDArray input,
            SaliencyTarget target,
            Record parameters,
            SaliencyContext context) {
        return ((SaliencyMethod<Record>) method).explain(model, input, target, parameters, context);
    }
}
