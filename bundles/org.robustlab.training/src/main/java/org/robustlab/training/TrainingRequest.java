package org.robustlab.training;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.data.Dataset;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.event.RunListener;
import org.robustlab.core.model.NetworkSpec;

/**
 * Everything one training run needs.
 *
 * @param runId identifier of the run in events and in the run manifest
 * @param engine the engine that compiles and trains the network
 * @param spec the network
 * @param initialParameters the starting weights, or {@code null} for {@link
 *     org.robustlab.core.engine.ParameterInitializer} with the settings' seed
 * @param dataset the data; the run trains on its training split and validates on its validation split
 * @param mode id of the training mode contribution, for example {@code standard} or {@code dual-bn}
 * @param modeParameters the mode's parameter record
 * @param settings epochs, batch size, optimizer and the rest
 * @param runFolder where the manifest, checkpoints and weights go; a folder that already holds this run resumes it
 * @param listener receives progress events; may be {@code null}
 */
public record TrainingRequest(
        String runId,
        Engine engine,
        NetworkSpec spec,
        Map<String, INDArray> initialParameters,
        Dataset dataset,
        String mode,
        Record modeParameters,
        TrainingSettings settings,
        Path runFolder,
        RunListener listener) {

    public TrainingRequest {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(modeParameters, "modeParameters");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(runFolder, "runFolder");
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("runId must not be blank");
        }
        listener = listener == null ? new RunListener() {} : listener;
    }
}
