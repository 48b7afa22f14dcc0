package org.robustlab.experiment.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.StepResult;
import org.robustlab.core.engine.Trainer;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.event.RunListener;
import org.robustlab.core.event.TrainingProgress;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.training.Batch;
import org.robustlab.core.training.TrainingMode;
import org.robustlab.core.training.TrainingModeContext;
import org.robustlab.experiment.TrainingSettings;
import org.robustlab.experiment.store.StoredRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one model epoch by epoch with a training mode, and checkpoints after every epoch so that an interrupted
 * run resumes at the last completed epoch with the same parameters, optimizer state and random draws.
 *
 * <p>Each epoch shuffles the training images with a generator seeded by the run seed and the epoch, so the order
 * does not depend on earlier epochs. After each epoch the loss on the validation images (clean branch, inference
 * mode) is recorded. The settings' selection rule then keeps the epoch with the lowest validation loss, as Han et
 * al. (2021) do, or the last epoch.
 */
final class TrainingLoop {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);

    /** What a loop needs besides the model and the data. */
    record Setup(
            String runId,
            String modelName,
            TrainingSettings settings,
            TrainingMode<Record> mode,
            Record modeParameters,
            AttackGenerators attacks,
            long seed,
            RunListener listener,
            IProgressMonitor monitor) {}

    private final Setup setup;

    private final TrainingCheckpoints checkpoints;

    private final StoredRun run;

    private final Augmentation augmentation;

    TrainingLoop(Setup setup, TrainingCheckpoints checkpoints, StoredRun run) {
        this.setup = setup;
        this.checkpoints = checkpoints;
        this.run = run;
        this.augmentation = new Augmentation(setup.settings());
    }

    /**
     * Trains {@code model}, whose parameters are those of {@code state}'s epoch, and returns the parameters of the
     * selected epoch.
     *
     * @param optimizerState the optimizer state saved with the checkpoint, or empty for a fresh start
     * @throws OperationCanceledException when the monitor is cancelled; the last checkpoint stays
     */
    Map<String, INDArray> train(
            Model model,
            TrainingState state,
            Map<String, INDArray> optimizerState,
            SplitData train,
            SplitData validation)
            throws IOException {
        Trainer trainer = model.trainer(setup.settings().optimizerSpec());
        if (!optimizerState.isEmpty()) {
            trainer.loadOptimizerState(optimizerState);
            LOG.info("Model {} resumes after epoch {}", setup.modelName(), state.epoch());
        }
        while (state.epoch() < setup.settings().epochs() && !state.stoppedEarly()) {
            int epoch = state.epoch() + 1;
            trainer.setLearningRate(setup.settings().learningRateAt(epoch));
            EpochResult result = runEpoch(trainer, train, epoch);
            double validationLoss = validation.size() == 0 ? Double.NaN : validationLoss(trainer.model(), validation);
            state = state.after(epoch, validationLoss, setup.settings().patience(), result.skipped());
            logEpoch(epoch, result, validationLoss, trainer.learningRate());
            publish(epoch, result.batches(), result.batches(), result.lastLosses(), result, validationLoss, true);
            checkpoints.save(trainer, state);
            if (state.stoppedEarly()) {
                LOG.info(
                        "Model {} stopped early after epoch {}: no lower validation loss for {} epochs",
                        setup.modelName(),
                        epoch,
                        setup.settings().patience());
            }
        }
        return checkpoints.selected(state, setup.settings().selection());
    }

    private EpochResult runEpoch(Trainer trainer, SplitData train, int epoch) {
        List<Integer> order = SplitData.range(0, train.size());
        Collections.shuffle(order, new Random(mix(setup.seed(), epoch, 0)));
        int batchSize = setup.settings().batchSize();
        int batches = (order.size() + batchSize - 1) / batchSize;
        EpochResult result = new EpochResult(batches);
        for (int b = 0; b < batches; b++) {
            checkCancelled();
            long start = System.nanoTime();
            List<Integer> positions = order.subList(b * batchSize, Math.min(order.size(), (b + 1) * batchSize));
            Random random = new Random(mix(setup.seed(), epoch, b + 1));
            Batch batch = augmentation.apply(train.batch(positions), random);
            TrainingBatch prepared =
                    setup.mode().prepare(trainer.model(), batch, setup.modeParameters(), context(random));
            StepResult step = trainer.step(prepared);
            result.add(batch, prepared, step, trainer.model().spec().head());
            double seconds = (System.nanoTime() - start) / 1e9;
            publish(epoch, b + 1, batches, result.lastLosses(), result, Double.NaN, false, positions.size() / seconds);
        }
        return result;
    }

    private TrainingModeContext context(Random random) {
        return new TrainingModeContext(setup.attacks(), 0, 1, random, setup.monitor());
    }

    private double validationLoss(Model model, SplitData validation) {
        Head head = model.spec().head();
        double total = 0;
        int batchSize = setup.settings().batchSize();
        for (int start = 0; start < validation.size(); start += batchSize) {
            checkCancelled();
            List<Integer> positions = SplitData.range(start, Math.min(validation.size(), start + batchSize));
            Batch batch = validation.batch(positions);
            INDArray logits = model.logits(batch.inputs(), Branch.CLEAN);
            INDArray labels = validation.subset(positions).labels();
            total += Scores.summedLoss(logits, labels, head);
        }
        return total / validation.size();
    }

    private void logEpoch(int epoch, EpochResult result, double validationLoss, double learningRate) {
        run.logMetric("train/loss", result.meanLoss(), epoch);
        run.logMetric("train/learning-rate", learningRate, epoch);
        if (result.cleanSeen() > 0) {
            run.logMetric("train/clean-accuracy", result.cleanAccuracy(), epoch);
        }
        if (result.adversarialSeen() > 0) {
            run.logMetric("train/adversarial-accuracy", result.adversarialAccuracy(), epoch);
        }
        if (!Double.isNaN(validationLoss)) {
            run.logMetric("validation/loss", validationLoss, epoch);
        }
        LOG.debug(
                "Model {} epoch {}: loss {} validation loss {} skipped steps {}",
                setup.modelName(),
                epoch,
                result.meanLoss(),
                validationLoss,
                result.skipped());
        if (result.skipped() > 0) {
            LOG.warn(
                    "Model {} skipped {} optimizer steps in epoch {} because the loss was not finite",
                    setup.modelName(),
                    result.skipped(),
                    epoch);
        }
    }

    private void publish(
            int epoch,
            int batch,
            int batches,
            Map<String, Double> losses,
            EpochResult result,
            double validationLoss,
            boolean endOfEpoch) {
        publish(epoch, batch, batches, losses, result, validationLoss, endOfEpoch, Double.NaN);
    }

    private void publish(
            int epoch,
            int batch,
            int batches,
            Map<String, Double> losses,
            EpochResult result,
            double validationLoss,
            boolean endOfEpoch,
            double imagesPerSecond) {
        setup.listener()
                .trainingProgress(new TrainingProgress(
                        setup.runId(),
                        setup.modelName(),
                        epoch,
                        setup.settings().epochs(),
                        batch,
                        batches,
                        losses,
                        result.cleanSeen() > 0 ? result.cleanAccuracy() : Double.NaN,
                        result.adversarialSeen() > 0 ? result.adversarialAccuracy() : Double.NaN,
                        validationLoss,
                        imagesPerSecond,
                        Runtime.getRuntime().totalMemory()
                                - Runtime.getRuntime().freeMemory(),
                        endOfEpoch));
    }

    private void checkCancelled() {
        if (setup.monitor().isCanceled()) {
            throw new OperationCanceledException();
        }
    }

    /** Derives an independent seed for an epoch and batch from the run seed (SplitMix64 finaliser). */
    static long mix(long seed, int epoch, int batch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch * 1_000_003L + batch + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Running sums of one epoch. */
    private static final class EpochResult {
        private final int batches;
        private double lossSum;
        private int steps;
        private int skipped;
        private int cleanCorrect;
        private int cleanSeen;
        private int adversarialCorrect;
        private int adversarialSeen;
        private Map<String, Double> lastLosses = Map.of();

        EpochResult(int batches) {
            this.batches = batches;
        }

        void add(Batch batch, TrainingBatch prepared, StepResult step, Head head) {
            steps++;
            if (!step.applied()) {
                skipped++;
                return;
            }
            lossSum += step.loss();
            List<String> names = new ArrayList<>();
            Map<String, Double> losses = new java.util.LinkedHashMap<>();
            for (int t = 0; t < prepared.terms().size(); t++) {
                LossTerm term = prepared.terms().get(t);
                boolean clean = term.input() == batch.inputs();
                String name = clean ? "clean" : "adversarial";
                name = names.contains(name) ? name + (t + 1) : name;
                names.add(name);
                losses.put(name, step.termLosses()[t]);
                int correct = Scores.correct(step.termLogits().get(t), term.labels(), head);
                if (clean) {
                    cleanCorrect += correct;
                    cleanSeen += (int) term.input().size(0);
                } else {
                    adversarialCorrect += correct;
                    adversarialSeen += (int) term.input().size(0);
                }
            }
            losses.put("total", step.loss());
            lastLosses = losses;
        }

        int batches() {
            return batches;
        }

        int skipped() {
            return skipped;
        }

        Map<String, Double> lastLosses() {
            return lastLosses;
        }

        double meanLoss() {
            return steps == skipped ? Double.NaN : lossSum / (steps - skipped);
        }

        int cleanSeen() {
            return cleanSeen;
        }

        int adversarialSeen() {
            return adversarialSeen;
        }

        double cleanAccuracy() {
            return cleanCorrect / (double) cleanSeen;
        }

        double adversarialAccuracy() {
            return adversarialCorrect / (double) adversarialSeen;
        }
    }
}
