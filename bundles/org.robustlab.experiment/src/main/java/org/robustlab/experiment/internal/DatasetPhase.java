package org.robustlab.experiment.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import org.robustlab.core.contribution.ContributionException;
import org.robustlab.core.data.Dataset;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.DatasetManifest;
import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.data.ImportResult;
import org.robustlab.core.data.Split;
import org.robustlab.core.event.RunEvent;
import org.robustlab.experiment.DatasetSection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Imports the run's dataset through its importer (which reuses its tensor cache when the source and parameters
 * are unchanged), records the manifest and its content hash, and checks on resume that the data did not change.
 */
final class DatasetPhase {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetPhase.class);

    private DatasetPhase() {}

    static LoadedData load(RunSession session, Path cacheDirectory) throws IOException {
        return load(session, cacheDirectory, true);
    }

    /**
     * Imports the dataset of a finished run to read it again: the content hash must equal the one the run
     * recorded, and nothing is written to the run.
     */
    static LoadedData reload(RunSession session, Path cacheDirectory) throws IOException {
        return load(session, cacheDirectory, false);
    }

    private static LoadedData load(RunSession session, Path cacheDirectory, boolean record) throws IOException {
        DatasetSection section = session.experiment().dataset();
        session.event(
                RunEvent.Kind.PHASE_STARTED,
                "import dataset with '" + section.importer().id() + "' from " + section.source(),
                Double.NaN);
        ImportRequest request = new ImportRequest(
                section.source(),
                cacheDirectory,
                section.image().height(),
                section.image().width(),
                section.image().channels(),
                session.experiment().seed(),
                section.split().validation(),
                section.split().test(),
                session.monitor());
        ImportResult result = importWithContribution(session, request, section);
        if (!result.skipped().isEmpty()) {
            LOG.warn(
                    "The import skipped {} files; the first: {} ({})",
                    result.skipped().size(),
                    result.skipped().get(0).file(),
                    result.skipped().get(0).reason());
        }
        Dataset dataset = result.dataset();
        if (record) {
            record(session, dataset.manifest());
        } else {
            requireUnchanged(session, dataset.manifest().contentHash());
        }
        LoadedData data = new LoadedData(
                dataset,
                new SplitData(dataset, dataset.indices(Split.TRAIN)),
                new SplitData(dataset, dataset.indices(Split.VALIDATION)),
                new SplitData(dataset, dataset.indices(Split.TEST)));
        requireUsable(data);
        session.event(
                RunEvent.Kind.PHASE_FINISHED,
                String.format(
                        "dataset %s: %d training, %d validation, %d test images%s",
                        dataset.manifest().name(),
                        data.train().size(),
                        data.validation().size(),
                        data.test().size(),
                        result.fromCache() ? " (from cache)" : ""),
                Double.NaN);
        return data;
    }

    private static ImportResult importWithContribution(
            RunSession session, ImportRequest request, DatasetSection section) throws IOException {
        try {
            return session.call(
                    session.catalog().importers(), section.importer().id(), importer -> {
                        try {
                            return importDataset(
                                    importer, request, section.importer().parameters());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (ContributionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static ImportResult importDataset(DatasetImporter<?> importer, ImportRequest request, Record parameters)
            throws IOException {
        return ((DatasetImporter<Record>) importer).importDataset(request, parameters);
    }

    private static void requireUnchanged(RunSession session, String hash) {
        String recorded = session.state().datasetHash();
        if (!recorded.isEmpty() && !recorded.equals(hash)) {
            throw new IllegalStateException("The dataset changed since the run started: its content hash was "
                    + recorded + " and is now " + hash + "; start a new run instead of resuming this one");
        }
    }

    private static void record(RunSession session, DatasetManifest manifest) throws IOException {
        String hash = manifest.contentHash();
        String recorded = session.state().datasetHash();
        requireUnchanged(session, hash);
        if (recorded.isEmpty()) {
            session.state().setDatasetHash(hash);
        }
        session.run().logParameter("dataset.contentHash", hash);
        session.run().setTag("robustlab.dataset", manifest.name());
        ObjectMapper json = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        Path file = session.run().artifacts().resolve("dataset").resolve("manifest.json");
        YamlText.write(file, json.writeValueAsString(manifest));
        LOG.info(
                "Dataset {}: {} samples per split {}, content hash {}",
                manifest.name(),
                manifest.splitCounts().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum(),
                Map.copyOf(manifest.splitCounts()),
                hash);
    }

    private static void requireUsable(LoadedData data) {
        if (data.train().size() == 0 || data.test().size() == 0) {
            throw new IllegalStateException("The dataset has " + data.train().size() + " training and "
                    + data.test().size() + " test images; both splits need at least one. Check dataset.split"
                    + " and the importer's parameters");
        }
    }
}
