package org.robustlab.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.robustlab.core.data.Box;
import org.robustlab.core.data.DatasetException;
import org.robustlab.core.data.DatasetManifest;
import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.data.ImportResult;
import org.robustlab.core.data.ImportResult.SkippedFile;
import org.robustlab.core.data.SampleInfo;
import org.robustlab.core.data.Split;
import org.robustlab.core.data.TaskType;
import org.robustlab.core.io.AtomicFiles;
import org.robustlab.core.parameter.ParameterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns an importer's samples into a cached dataset: assigns splits by group, decodes and preprocesses each image
 * (channel conversion, then {@link ImageResize}), rasterises boxes into masks, and writes the cache folder
 * {@code <cache>/<importer>-<hash>}. When that folder already contains a complete dataset with the same content
 * hash, it is opened without decoding anything.
 */
public final class DatasetBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetBuilder.class);

    private final String importerId;
    private final String name;
    private final TaskType task;
    private final List<String> labels;
    private final String intensity;
    private final Map<String, Object> parameters;

    /**
     * Creates a builder.
     *
     * @param intensity the intensity convention recorded in the manifest
     * @param parameters the importer's effective parameters, recorded in the manifest and hashed
     */
    public DatasetBuilder(
            String importerId, String name, TaskType task, List<String> labels, String intensity, Record parameters) {
        this.importerId = importerId;
        this.name = name;
        this.task = task;
        this.labels = List.copyOf(labels);
        this.intensity = intensity;
        this.parameters = ParameterBinder.toMap(parameters);
    }

    /**
     * Builds the dataset, or opens it from the cache.
     *
     * @param sourceFiles every file the import reads (images and tables), hashed into the content hash
     * @throws DatasetException when no sample can be read
     * @throws OperationCanceledException when the request's monitor is cancelled; nothing is left in the cache
     */
    public ImportResult build(ImportRequest request, List<Path> sourceFiles, List<SampleSource> samples)
            throws IOException {
        long start = System.nanoTime();
        String hash = ContentHash.of(importerId, parameters, request, sourceFiles);
        Path folder = request.cacheDirectory().resolve(importerId + "-" + hash.substring(0, 16));
        if (CachedDataset.isComplete(folder, hash)) {
            CachedDataset dataset = CachedDataset.open(folder);
            LOG.info("Opened dataset {} from the cache {} ({} samples)", name, folder, dataset.size());
            return new ImportResult(dataset, readSkipped(folder), true);
        }
        if (samples.isEmpty()) {
            throw new DatasetException(request.source(), "no samples found for the " + importerId + " layout");
        }
        boolean cacheExisted = Files.isDirectory(request.cacheDirectory());
        Files.createDirectories(request.cacheDirectory());
        Path partial = Files.createTempDirectory(request.cacheDirectory(), "." + folder.getFileName() + "-");
        boolean complete = false;
        try {
            Map<String, Split> splits = SplitAssignment.assign(samples, request);
            TensorWriter.Result written = new TensorWriter(request, partial).write(samples, splits);
            if (written.samples().isEmpty()) {
                throw new DatasetException(
                        request.source(),
                        "none of the " + samples.size()
                                + " samples could be read; the first failure: "
                                + written.skipped().get(0).file() + ": "
                                + written.skipped().get(0).reason());
            }
            writeMetadata(partial, request, hash, written);
            FileTrees.replace(partial, folder);
            complete = true;
        } finally {
            FileTrees.deleteIfExists(partial);
            if (!complete && !cacheExisted) {
                // A failed import leaves nothing behind, not even the cache folder it created.
                Files.deleteIfExists(request.cacheDirectory());
            }
        }
        CachedDataset dataset = CachedDataset.open(folder);
        LOG.info(
                "Imported dataset {}: {} samples, {} skipped, in {} ms; cache {}",
                name,
                dataset.size(),
                readSkipped(folder).size(),
                (System.nanoTime() - start) / 1_000_000,
                folder);
        return new ImportResult(dataset, readSkipped(folder), false);
    }

    private void writeMetadata(Path folder, ImportRequest request, String hash, TensorWriter.Result written)
            throws IOException {
        ObjectMapper json = CachedDataset.json();
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            counts.put(split, 0);
        }
        written.samples().forEach(sample -> counts.merge(sample.split(), 1, Integer::sum));
        Map<String, Object> recorded = new LinkedHashMap<>(parameters);
        recorded.put("validationFraction", request.validationFraction());
        recorded.put("testFraction", request.testFraction());
        DatasetManifest manifest = new DatasetManifest(
                name,
                importerId,
                task,
                labels,
                request.channels(),
                request.height(),
                request.width(),
                intensity,
                ImageResize.DESCRIPTION,
                request.seed(),
                counts,
                recorded,
                hash);
        AtomicFiles.write(folder.resolve(CachedDataset.SKIPPED), out -> writeJson(json, out, written.skipped()));
        AtomicFiles.write(folder.resolve(CachedDataset.SAMPLES), out -> writeJson(json, out, written.samples()));
        AtomicFiles.write(folder.resolve(CachedDataset.MANIFEST), out -> writeJson(json, out, manifest));
    }

    private static void writeJson(ObjectMapper json, OutputStream out, Object value) throws IOException {
        json.writerWithDefaultPrettyPrinter().writeValue(new NonClosingStream(out), value);
    }

    private static List<SkippedFile> readSkipped(Path folder) throws IOException {
        Path file = folder.resolve(CachedDataset.SKIPPED);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        SkippedFile[] skipped = CachedDataset.json().readValue(file.toFile(), SkippedFile[].class);
        return Arrays.asList(skipped);
    }

    /** Returns the boxes scaled from source pixels to the preprocessed size. */
    static List<Box> scale(List<Box> boxes, double sx, double sy) {
        List<Box> scaled = new ArrayList<>(boxes.size());
        for (Box box : boxes) {
            scaled.add(box.scaled(sx, sy));
        }
        return scaled;
    }

    /** Returns labels as recorded for a sample. */
    static SampleInfo info(int index, SampleSource source, Split split, List<Box> boxes, boolean hasMask) {
        return new SampleInfo(index, source.sampleKey(), source.groupKey(), split, source.labels(), boxes, hasMask);
    }

    /** Keeps Jackson from closing the stream that {@link AtomicFiles} still has to flush to disk. */
    private static final class NonClosingStream extends java.io.FilterOutputStream {
        NonClosingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    static void checkCanceled(SubMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
