package org.robustlab.ui.saliency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.io.AtomicFiles;
import org.robustlab.core.io.Npz;
import org.robustlab.core.saliency.SaliencyPostprocessing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The saliency results of one run folder: {@code artifacts/results/saliency.npz} with its index
 * {@code saliency.json}, as the experiment runner writes them. Maps are post-processed for display as Han et al.
 * (2021) show them: absolute value, clipped to mean plus or minus three standard deviations, scaled to [0, 1].
 */
public final class SaliencyRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runFolder;

    private final INDArray images;

    private final INDArray masks;

    private final Map<String, Map<String, INDArray>> rawMaps;

    private final Map<String, Map<String, INDArray>> displayMaps = new LinkedHashMap<>();

    private final Map<String, String> rowLabels = new LinkedHashMap<>();

    private SaliencyRun(Path runFolder, INDArray images, INDArray masks, Map<String, Map<String, INDArray>> maps) {
        this.runFolder = runFolder;
        this.images = images;
        this.masks = masks;
        this.rawMaps = maps;
        maps.forEach((model, byMethod) -> {
            Map<String, INDArray> processed = new LinkedHashMap<>();
            byMethod.forEach((method, raw) -> processed.put(method, SaliencyPostprocessing.HAN_ET_AL.apply(raw)));
            displayMaps.put(model, processed);
        });
    }

    /**
     * Reads the saliency results of a run folder.
     *
     * @throws IOException when the results are missing, incomplete (checksum mismatch) or unreadable; the message
     *     names the file
     */
    @SuppressWarnings("unchecked")
    public static SaliencyRun read(Path runFolder) throws IOException {
        Path results = runFolder.resolve("artifacts").resolve("results");
        Path npz = results.resolve("saliency.npz");
        Path index = results.resolve("saliency.json");
        for (Path file : List.of(npz, index)) {
            if (!AtomicFiles.verify(file)) {
                throw new IOException(file + " is missing or does not match its checksum; the run has no complete"
                        + " saliency results. Choose a finished run folder.");
            }
        }
        Map<String, INDArray> arrays = Npz.read(npz);
        Map<String, Object> json = JSON.readValue(
                Files.readString(index, StandardCharsets.UTF_8), new TypeReference<Map<String, Object>>() {});
        Map<String, Map<String, INDArray>> maps = new LinkedHashMap<>();
        ((Map<String, Map<String, String>>) json.get("maps")).forEach((model, byMethod) -> {
            Map<String, INDArray> methods = new LinkedHashMap<>();
            byMethod.forEach((method, key) -> methods.put(method, arrays.get(key)));
            maps.put(model, methods);
        });
        SaliencyRun run = new SaliencyRun(runFolder, arrays.get("images"), arrays.get("masks"), maps);
        run.labelRows(RunParameters.read(runFolder));
        return run;
    }

    /** Returns the run folder. */
    public Path runFolder() {
        return runFolder;
    }

    /** Returns the number of images with maps. */
    public int cases() {
        return (int) images.size(0);
    }

    /** Returns the image height in pixels. */
    public int height() {
        return (int) images.size(2);
    }

    /** Returns the image width in pixels. */
    public int width() {
        return (int) images.size(3);
    }

    /** Returns the model names in run order. */
    public List<String> models() {
        return new ArrayList<>(rawMaps.keySet());
    }

    /** Returns the saliency method ids in run order. */
    public List<String> methods() {
        return rawMaps.isEmpty()
                ? List.of()
                : new ArrayList<>(rawMaps.values().iterator().next().keySet());
    }

    /** Returns the row label of a model, with the batch-norm branch for a dual-BN model. */
    public String rowLabel(String model) {
        return rowLabels.getOrDefault(model, model);
    }

    /** Returns whether the run has ground-truth masks. */
    public boolean hasMasks() {
        return masks != null;
    }

    /** Returns the first channel of an image, row-major, as the model saw it. */
    public float[] image(int index) {
        return flat(images.get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(index), org.nd4j.linalg.indexing.NDArrayIndex.point(0)));
    }

    /** Returns an image as the model takes it: [1, C, H, W]. */
    public INDArray imageTensor(int index) {
        return images.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(index, index + 1),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.all())
                .dup();
    }

    /** Returns the mask of an image, row-major with 1 inside the region, or {@code null} without masks. */
    public float[] mask(int index) {
        return masks == null ? null : flat(masks.slice(index));
    }

    /** Returns a map post-processed for display, in [0, 1], row-major. */
    public float[] displayMap(String model, String method, int index) {
        return flat(displayMaps.get(model).get(method).slice(index));
    }

    /** Returns a map as the method computed it, row-major. */
    public float[] rawMap(String model, String method, int index) {
        return flat(rawMaps.get(model).get(method).slice(index));
    }

    private void labelRows(Map<String, String> parameters) {
        String branch = parameters.getOrDefault("evaluation.saliencyBranch", "");
        for (int i = 0; parameters.containsKey("models." + i + ".name"); i++) {
            String name = parameters.get("models." + i + ".name");
            String mode = parameters.getOrDefault("models." + i + ".mode", "");
            String label = mode.equals("dual-bn") && !branch.isEmpty()
                    ? name + " (" + branch.toLowerCase(java.util.Locale.ROOT) + " BN)"
                    : name;
            rowLabels.put(name, label);
        }
    }

    private static float[] flat(INDArray array) {
        return array.dup().reshape(array.length()).toFloatVector();
    }
}
