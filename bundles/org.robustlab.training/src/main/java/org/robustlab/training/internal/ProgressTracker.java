package org.robustlab.training.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.StepResult;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.event.TrainingProgress;
import org.robustlab.core.model.Head;
import org.robustlab.core.training.Batch;

/**
 * Turns steps into {@link TrainingProgress} events: named losses, running clean and adversarial accuracy over the
 * epoch, throughput and resident memory.
 *
 * <p>A loss term counts as clean when its input is the very batch array the mode received, and as adversarial
 * otherwise (a TRADES term's logits are those of its adversarial input). Losses are named {@code clean},
 * {@code adversarial} or {@code trades}, with a number appended when a batch has several of one kind, and
 * {@code total} for the weighted sum. After a resumption the running accuracy restarts with the first new batch.
 */
final class ProgressTracker {

    private final String runId;

    private final String model;

    private final int epochs;

    private final Head head;

    private long cleanHits;

    private long cleanTotal;

    private long adversarialHits;

    private long adversarialTotal;

    ProgressTracker(String runId, String model, int epochs, Head head) {
        this.runId = runId;
        this.model = model;
        this.epochs = epochs;
        this.head = head;
    }

    /** Starts the running accuracy of a new epoch. */
    void startEpoch() {
        cleanHits = 0;
        cleanTotal = 0;
        adversarialHits = 0;
        adversarialTotal = 0;
    }

    /** Returns the event of a finished step. */
    TrainingProgress afterStep(
            int epoch, int batchIndex, int batches, Batch batch, TrainingBatch terms, StepResult result, long nanos) {
        Map<String, Double> losses = new LinkedHashMap<>();
        List<LossTerm> list = terms.terms();
        for (int i = 0; i < list.size(); i++) {
            LossTerm term = list.get(i);
            boolean clean = term.input() == batch.inputs();
            String kind = "adversarial";
            if (term.kind() == LossTerm.Kind.TRADES) {
                kind = "trades";
            } else if (clean) {
                kind = "clean";
            }
            String name = losses.containsKey(kind) ? kind + (i + 1) : kind;
            losses.put(name, result.termLosses()[i]);
            count(
                    clean && term.kind() != LossTerm.Kind.TRADES,
                    result.termLogits().get(i),
                    term);
        }
        losses.put("total", result.loss());
        double imagesPerSecond = batch.inputs().size(0) / Math.max(nanos / 1e9, 1e-9);
        return new TrainingProgress(
                runId,
                model,
                epoch + 1,
                epochs,
                batchIndex + 1,
                batches,
                losses,
                fraction(cleanHits, cleanTotal),
                fraction(adversarialHits, adversarialTotal),
                Double.NaN,
                imagesPerSecond,
                ResidentMemory.bytes(),
                false);
    }

    /** Returns the event that closes an epoch. */
    TrainingProgress endOfEpoch(int epoch, int batches, Validation validation) {
        return new TrainingProgress(
                runId,
                model,
                epoch + 1,
                epochs,
                batches,
                batches,
                validation == null ? Map.of() : Map.of("validation", validation.loss()),
                fraction(cleanHits, cleanTotal),
                fraction(adversarialHits, adversarialTotal),
                validation == null ? Double.NaN : validation.loss(),
                Double.NaN,
                ResidentMemory.bytes(),
                true);
    }

    /** Returns a one-line summary of the epoch's running accuracy, for the debug log. */
    String accuracySummary() {
        return String.format(
                Locale.ROOT,
                "clean accuracy %.4f, adversarial accuracy %.4f",
                fraction(cleanHits, cleanTotal),
                fraction(adversarialHits, adversarialTotal));
    }

    private void count(boolean clean, INDArray logits, LossTerm term) {
        long[] correct = HeadMetrics.correct(head, logits, term.labels(), term.labelMask());
        if (clean) {
            cleanHits += correct[0];
            cleanTotal += correct[1];
        } else {
            adversarialHits += correct[0];
            adversarialTotal += correct[1];
        }
    }

    private static double fraction(long hits, long total) {
        return total == 0 ? Double.NaN : (double) hits / total;
    }
}
