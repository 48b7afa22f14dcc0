package org.robustlab.training.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.contribution.ContributionException;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.StepResult;
import org.robustlab.core.engine.Trainer;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.training.Batch;
import org.robustlab.core.training.TrainingMode;
import org.robustlab.core.training.TrainingModeContext;
import org.robustlab.core.training.TrainingModes;
import org.robustlab.training.Checkpoint;
import org.robustlab.training.Checkpoint.Position;
import org.robustlab.training.Checkpoint.ValidationHistory;
import org.robustlab.training.RunFolder;
import org.robustlab.training.TrainingOutcome;
import org.robustlab.training.TrainingOutcome.Status;
import org.robustlab.training.TrainingRequest;
import org.robustlab.training.TrainingSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epochs and batches of one run, from a start position to completion, early stop, cancellation or
 * divergence. Checkpoints are written every {@code checkpointInterval} steps, at the end of every epoch and on
 * cancellation, and never after a step that diverged, so the last checkpoint on disk is always a good one.
 */
final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private final TrainingRequest request;

    private final TrainingSettings settings;

    private final TrainingModes modes;

    private final AttackGenerators attacks;

    private final Model model;

    private final Trainer trainer;

    private final BatchSource source;

    private final List<Integer> trainIndices;

    private final List<Integer> validationIndices;

    private final ProgressTracker progress;

    private final IProgressMonitor monitor;

    private final INDArray classWeights;

    private final Path checkpointFile;

    private Position position;

    private ValidationHistory history;

    TrainingRun(RunSetup setup, Model model, Checkpoint start, IProgressMonitor monitor) {
        this.request = setup.request();
        this.settings = request.settings();
        this.modes = setup.modes();
        this.attacks = setup.attacks();
        this.model = model;
        this.source = setup.source();
        this.trainIndices = setup.trainIndices();
        this.validationIndices = setup.validationIndices();
        this.monitor = monitor;
        this.trainer = model.trainer(settings.optimizer());
        this.progress = new ProgressTracker(
                request.runId(),
                request.spec().architecture(),
                settings.epochs(),
                request.spec().head());
        double[] weights = settings.classWeights();
        this.classWeights = weights == null
                ? null
                : Nd4j.createFromArray(weights).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        this.checkpointFile = request.runFolder().resolve(RunFolder.CHECKPOINT);
        if (start == null) {
            position = new Position(0, 0, 0);
            history = ValidationHistory.empty();
        } else {
            trainer.loadOptimizerState(start.optimizerState());
            position = start.position();
            history = start.validation();
        }
    }

    /** Runs until the run ends and returns how it ended. */
    TrainingOutcome execute() throws IOException {
        while (position.epoch() < settings.epochs()) {
            int epoch = position.epoch();
            trainer.setLearningRate(
                    settings.schedule().rate(settings.optimizer().learningRate(), epoch));
            List<List<Integer>> batches = batches(epoch);
            progress.startEpoch();
            for (int index = position.batch(); index < batches.size(); index++) {
                TrainingOutcome stopped = trainBatch(epoch, index, batches);
                if (stopped != null) {
                    return stopped;
                }
            }
            TrainingOutcome early = finishEpoch(epoch, batches.size());
            if (early != null) {
                return early;
            }
        }
        RunFolder.writeWeights(request.runFolder().resolve(RunFolder.FINAL_WEIGHTS), model.parameters());
        return outcome(Status.COMPLETED, "Training completed " + settings.epochs() + " epochs");
    }

    private List<List<Integer>> batches(int epoch) {
        List<Integer> order = Seeds.shuffled(trainIndices, settings.seed(), epoch);
        List<List<Integer>> batches = new java.util.ArrayList<>();
        for (int start = 0; start < order.size(); start += settings.batchSize()) {
            List<Integer> batch = order.subList(start, Math.min(order.size(), start + settings.batchSize()));
            // Batch norm cannot train on a single image, so a last batch of one image is left out of this epoch.
            if (batch.size() >= 2) {
                batches.add(batch);
            }
        }
        return batches;
    }

    /** Trains one batch; returns the outcome when the run stops here, otherwise {@code null}. */
    private TrainingOutcome trainBatch(int epoch, int index, List<List<Integer>> batches) throws IOException {
        if (monitor.isCanceled()) {
            return cancel(epoch, index);
        }

        long start = System.nanoTime();
        Batch batch = source.batch(batches.get(index));
        TrainingBatch terms;
        try {
            terms = prepare(batch, epoch, index);
        } catch (OperationCanceledException e) {
            return cancel(epoch, index);
        } catch (ContributionException e) {
            if (e.getCause() instanceof OperationCanceledException) {
                return cancel(epoch, index);
            }
            throw e;
        }
        if (monitor.isCanceled()) {
            return cancel(epoch, index);
        }

        StepResult result = trainer.step(terms);
        if (!result.applied() || result.loss() > settings.divergenceThreshold()) {
            return diverge(epoch, index, result);
        }

        position = new Position(epoch, index + 1, position.steps() + 1);
        request.listener()
                .trainingProgress(progress.afterStep(
                        epoch, index, batches.size(), batch, terms, result, System.nanoTime() - start));
        monitor.worked(1);
        if (position.steps() % settings.checkpointInterval() == 0) {
            writeCheckpoint();
        }
        return null;
    }

    private TrainingBatch prepare(Batch batch, int epoch, int index) {
        TrainingModeContext context = new TrainingModeContext(
                attacks,
                settings.minValue(),
                settings.maxValue(),
                Seeds.forBatch(settings.seed(), epoch, index),
                monitor);
        TrainingBatch terms = modes.call(request.mode(), mode -> prepareWith(mode, batch, context));
        if (classWeights != null && terms.classWeights() == null) {
            return new TrainingBatch(terms.terms(), classWeights);
        }
        return terms;
    }

    private <P extends Record> TrainingBatch prepareWith(
            TrainingMode<P> mode, Batch batch, TrainingModeContext context) {
        P parameters = mode.parameterType().cast(request.modeParameters());
        return mode.prepare(model, batch, parameters, context);
    }

    /** Validates, updates early stopping and the best weights, and checkpoints the start of the next epoch. */
    private TrainingOutcome finishEpoch(int epoch, int batches) throws IOException {
        Validation validation = null;
        boolean stop = false;
        if (!validationIndices.isEmpty()) {
            validation = Validation.evaluate(model, source, validationIndices, settings.batchSize());
            stop = recordValidation(epoch, validation);
        }
        LOG.debug(
                "Run {} epoch {}: {}, validation {}",
                request.runId(),
                epoch + 1,
                progress.accuracySummary(),
                validation);
        position = new Position(epoch + 1, 0, position.steps());
        writeCheckpoint();
        request.listener().trainingProgress(progress.endOfEpoch(epoch, batches, validation));
        if (stop) {
            RunFolder.writeWeights(request.runFolder().resolve(RunFolder.FINAL_WEIGHTS), model.parameters());
            return outcome(Status.EARLY_STOPPED, earlyStopMessage(epoch));
        }
        return null;
    }

    private String earlyStopMessage(int epoch) {
        return String.format(
                Locale.ROOT,
                "Early stopping after epoch %d: the validation loss has not improved for %d epochs. The best, %.6f at"
                        + " epoch %d, is in %s",
                epoch + 1,
                history.epochsWithoutImprovement(),
                history.bestLoss(),
                history.bestEpoch(),
                request.runFolder().resolve(RunFolder.BEST_WEIGHTS));
    }

    /** Records a validation loss; writes the best weights when it improved; returns whether to stop early. */
    private boolean recordValidation(int epoch, Validation validation) throws IOException {
        double margin =
                settings.earlyStopping() == null ? 0 : settings.earlyStopping().minimumImprovement();
        boolean improved = Double.isNaN(history.bestLoss()) || validation.loss() < history.bestLoss() - margin;
        if (improved) {
            history = new ValidationHistory(validation.loss(), epoch + 1, 0);
            RunFolder.writeWeights(request.runFolder().resolve(RunFolder.BEST_WEIGHTS), model.parameters());
        } else {
            history = new ValidationHistory(
                    history.bestLoss(), history.bestEpoch(), history.epochsWithoutImprovement() + 1);
        }
        return settings.earlyStopping() != null
                && history.epochsWithoutImprovement()
                        >= settings.earlyStopping().patience();
    }

    private TrainingOutcome cancel(int epoch, int index) throws IOException {
        position = new Position(epoch, index, position.steps());
        writeCheckpoint();
        return outcome(
                Status.CANCELLED,
                "Training cancelled at epoch " + (epoch + 1) + ", batch " + (index + 1) + "; run the same request on "
                        + request.runFolder() + " to resume");
    }

    private TrainingOutcome diverge(int epoch, int index, StepResult result) {
        String what = result.applied()
                ? "exceeded the divergence threshold " + settings.divergenceThreshold()
                : "is not finite";
        String message = String.format(
                Locale.ROOT,
                "Training diverged at epoch %d, batch %d (step %d): the loss %s %s. The last good checkpoint is"
                        + " kept in %s; lower the learning rate or check the data, then start a new run folder.",
                epoch + 1,
                index + 1,
                position.steps() + 1,
                result.loss(),
                what,
                checkpointFile);
        LOG.error("Run {}: {}", request.runId(), message);
        model.close();
        return new TrainingOutcome(
                Status.DIVERGED,
                message,
                position.epoch(),
                position.steps(),
                history.bestLoss(),
                history.bestEpoch(),
                null,
                checkpointFile);
    }

    private void writeCheckpoint() throws IOException {
        new Checkpoint(model.parameters(), trainer.optimizerState(), position, history, settings.seed())
                .write(checkpointFile);
    }

    private TrainingOutcome outcome(Status status, String message) {
        return new TrainingOutcome(
                status,
                message,
                position.epoch(),
                position.steps(),
                history.bestLoss(),
                history.bestEpoch(),
                model,
                checkpointFile);
    }
}
