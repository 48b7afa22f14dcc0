package org.robustlab.training.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.data.Split;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.ParameterInitializer;
import org.robustlab.core.event.RunEvent;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.training.TrainingMode;
import org.robustlab.core.training.TrainingModes;
import org.robustlab.training.Checkpoint;
import org.robustlab.training.RunFolder;
import org.robustlab.training.TrainingLoop;
import org.robustlab.training.TrainingOutcome;
import org.robustlab.training.TrainingRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link TrainingLoop} service: checks a request, starts or resumes its run and reports its milestones. */
@Component(service = TrainingLoop.class)
public final class TrainingLoopService implements TrainingLoop {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoopService.class);

    @Reference
    private TrainingModes modes;

    @Reference
    private AttackGenerators attacks;

    /** Creates the service for Declarative Services. */
    public TrainingLoopService() {}

    /** Creates the service with explicit registries, for use outside an OSGi framework. */
    public TrainingLoopService(TrainingModes modes, AttackGenerators attacks) {
        this.modes = modes;
        this.attacks = attacks;
    }

    @Override
    public TrainingOutcome run(TrainingRequest request, IProgressMonitor monitor) throws IOException {
        RunSetup setup = check(request);
        RunManifest manifest = RunManifest.of(request);
        Checkpoint start = openFolder(request, manifest);
        Map<String, INDArray> parameters = start != null
                ? start.parameters()
                : request.initialParameters() != null
                        ? request.initialParameters()
                        : ParameterInitializer.initialize(
                                request.spec(), request.settings().seed());
        if (start == null) {
            manifest.write(
                    request.runFolder(), request.runId(), request.engine().info());
        }
        LOG.info(
                "Run {} {}: {} with mode {} on {} training and {} validation images, epochs {}",
                request.runId(),
                start == null
                        ? "started"
                        : "resumed at epoch " + (start.position().epoch() + 1) + ", batch "
                                + (start.position().batch() + 1),
                request.spec().architecture(),
                request.mode(),
                setup.trainIndices().size(),
                setup.validationIndices().size(),
                request.settings().epochs());
        request.listener().runEvent(new RunEvent(request.runId(), RunEvent.Kind.STARTED, "Training started", 0));
        long begin = System.nanoTime();
        Model model = request.engine().create(request.spec(), parameters);
        TrainingOutcome outcome;
        try {
            outcome = new TrainingRun(setup, model, start, monitor).execute();
        } catch (IOException | RuntimeException e) {
            model.close();
            request.listener()
                    .runEvent(new RunEvent(request.runId(), RunEvent.Kind.FAILED, e.getMessage(), Double.NaN));
            throw e;
        }
        report(request, outcome, System.nanoTime() - begin);
        return outcome;
    }

    private RunSetup check(TrainingRequest request) {
        TrainingMode<?> mode = modes.get(request.mode());
        if (!mode.parameterType().isInstance(request.modeParameters())) {
            throw new IllegalArgumentException("Training mode " + request.mode() + " takes parameters of type "
                    + mode.parameterType().getSimpleName() + ", got "
                    + request.modeParameters().getClass().getSimpleName());
        }
        Normalization normalization = normalization(mode, request.modeParameters());
        if (normalization != request.spec().normalization()) {
            throw new IllegalArgumentException("Training mode " + request.mode() + " trains " + normalization
                    + " batch norm, but the network was built with "
                    + request.spec().normalization()
                    + "; build the network with the mode's normalization");
        }
        double[] classWeights = request.settings().classWeights();
        if (classWeights != null && classWeights.length != request.spec().outputs()) {
            throw new IllegalArgumentException("classWeights has " + classWeights.length + " entries, but the network"
                    + " has " + request.spec().outputs() + " outputs");
        }
        BatchSource source = new BatchSource(request.dataset(), request.spec());
        List<Integer> train = request.dataset().indices(Split.TRAIN);
        List<Integer> validation = request.dataset().indices(Split.VALIDATION);
        if (train.size() < 2) {
            throw new IllegalArgumentException(
                    "Dataset " + request.dataset().manifest().name() + " has " + train.size()
                            + " training images; training needs at least 2");
        }
        if (request.settings().earlyStopping() != null && validation.isEmpty()) {
            throw new IllegalArgumentException("Early stopping needs validation images, but dataset "
                    + request.dataset().manifest().name() + " has none; split off a validation set or turn early"
                    + " stopping off");
        }
        return new RunSetup(request, modes, attacks, source, train, validation);
    }

    private static <P extends Record> Normalization normalization(TrainingMode<P> mode, Record parameters) {
        return mode.normalization(mode.parameterType().cast(parameters));
    }

    /**
     * Creates the run folder or checks that it holds this run; returns its checkpoint, or {@code null} for a new
     * run.
     */
    private static Checkpoint openFolder(TrainingRequest request, RunManifest manifest) throws IOException {
        Path folder = request.runFolder();
        Path manifestFile = folder.resolve(RunFolder.MANIFEST);
        Path checkpoint = folder.resolve(RunFolder.CHECKPOINT);
        if (Files.exists(manifestFile)) {
            String recorded = RunManifest.recordedFingerprint(folder);
            if (!recorded.equals(manifest.fingerprint())) {
                throw new IllegalArgumentException("Run folder " + folder + " holds a run with another configuration"
                        + " (fingerprint " + recorded + ", this request " + manifest.fingerprint() + "); nothing was"
                        + " changed. Use a new run folder, or repeat the original request to resume it.");
            }
            if (Files.exists(checkpoint)) {
                Checkpoint state = Checkpoint.read(checkpoint);
                if (state.seed() != request.settings().seed()) {
                    throw new IOException("Checkpoint " + checkpoint + " has seed " + state.seed()
                            + ", but its manifest records " + request.settings().seed());
                }
                return state;
            }
            return null;
        }
        if (Files.exists(checkpoint)) {
            throw new IllegalArgumentException("Run folder " + folder + " has a checkpoint but no " + RunFolder.MANIFEST
                    + "; nothing was changed. Use a new run folder.");
        }
        Files.createDirectories(folder);
        return null;
    }

    private static void report(TrainingRequest request, TrainingOutcome outcome, long nanos) {
        RunEvent.Kind kind =
                switch (outcome.status()) {
                    case COMPLETED, EARLY_STOPPED -> RunEvent.Kind.FINISHED;
                    case CANCELLED, DIVERGED -> RunEvent.Kind.FAILED;
                };
        LOG.info(
                "Run {} {} after {} steps in {} s: {}",
                request.runId(),
                outcome.status(),
                outcome.steps(),
                nanos / 1_000_000_000,
                outcome.message());
        request.listener().runEvent(new RunEvent(request.runId(), kind, outcome.message(), 1.0));
    }
}
