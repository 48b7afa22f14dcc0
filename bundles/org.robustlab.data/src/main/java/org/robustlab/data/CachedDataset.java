package org.robustlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.data.Dataset;
import org.robustlab.core.data.DatasetManifest;
import org.robustlab.core.data.SampleInfo;
import org.robustlab.core.io.AtomicFiles;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.type.CollectionType;

/**
 * A dataset in the tensor cache: {@code manifest.json}, {@code samples.json}, {@code images.npy} float32
 * [N, C, H, W] and, when samples have masks, {@code masks.npy} float32 [N, H, W]. Every file has a SHA-256
 * sidecar; the manifest is written last, so a folder with a verified manifest is complete.
 */
public final class CachedDataset implements Dataset {

    static final String MANIFEST = "manifest.json";
    static final String SAMPLES = "samples.json";
    static final String SKIPPED = "skipped.json";
    static final String IMAGES = "images.npy";
    static final String MASKS = "masks.npy";

    private final DatasetManifest manifest;
    private final List<SampleInfo> samples;
    private final NpyFloatFile images;
    private final NpyFloatFile masks;

    private CachedDataset(DatasetManifest manifest, List<SampleInfo> samples, NpyFloatFile images, NpyFloatFile masks) {
        this.manifest = manifest;
        this.samples = samples;
        this.images = images;
        this.masks = masks;
    }

    /** Returns the JSON mapper of the cache files: NaN labels are written as the string "NaN". */
    static ObjectMapper json() {
        return new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Returns whether {@code folder} contains a complete dataset with the given content hash. */
    public static boolean isComplete(Path folder, String contentHash) throws IOException {
        Path manifest = folder.resolve(MANIFEST);
        if (!AtomicFiles.verify(manifest)
                || !AtomicFiles.verify(folder.resolve(SAMPLES))
                || !AtomicFiles.verify(folder.resolve(IMAGES))) {
            return false;
        }
        return contentHash.equals(
                json().readValue(manifest.toFile(), DatasetManifest.class).contentHash());
    }

    /** Opens a complete cache folder. */
    public static CachedDataset open(Path folder) throws IOException {
        ObjectMapper json = json();
        DatasetManifest manifest = json.readValue(folder.resolve(MANIFEST).toFile(), DatasetManifest.class);
        CollectionType listType = json.getTypeFactory().constructCollectionType(List.class, SampleInfo.class);
        List<SampleInfo> samples =
                List.copyOf(json.readValue(folder.resolve(SAMPLES).toFile(), listType));
        int pixels = manifest.height() * manifest.width();
        NpyFloatFile images = NpyFloatFile.open(folder.resolve(IMAGES), manifest.channels() * pixels);
        Path maskFile = folder.resolve(MASKS);
        NpyFloatFile masks = Files.isRegularFile(maskFile) ? NpyFloatFile.open(maskFile, pixels) : null;
        return new CachedDataset(manifest, samples, images, masks);
    }

    @Override
    public DatasetManifest manifest() {
        return manifest;
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public SampleInfo sample(int index) {
        return samples.get(index);
    }

    @Override
    public INDArray image(int index) {
        float[] values = images.record(index);
        return Nd4j.create(values, new long[] {manifest.channels(), manifest.height(), manifest.width()}, 'c');
    }

    @Override
    public Optional<INDArray> mask(int index) {
        if (masks == null || !samples.get(index).hasMask()) {
            return Optional.empty();
        }
        return Optional.of(Nd4j.create(masks.record(index), new long[] {manifest.height(), manifest.width()}, 'c'));
    }
}
