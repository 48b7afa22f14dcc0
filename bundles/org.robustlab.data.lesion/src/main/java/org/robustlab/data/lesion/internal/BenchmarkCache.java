package org.robustlab.data.lesion.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.data.DatasetManifest;
import org.robustlab.core.data.SampleInfo;
import org.robustlab.core.io.AtomicFiles;
import org.robustlab.core.io.Npz;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The on-disk cache of one benchmark build, a folder named by its content hash: {@code dataset.npz} (images
 * [N, H, W], masks [N, H, W], readable with {@code numpy.load}), {@code samples.json}, {@code manifest.json} and
 * {@code lesions.csv}, the drawn properties of every lesion. Files carry SHA-256 sidecars; an incomplete cache is
 * rebuilt.
 */
public final class BenchmarkCache {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path folder;

    public BenchmarkCache(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    public boolean isComplete() throws IOException {
        return AtomicFiles.verify(folder.resolve("dataset.npz"))
                && AtomicFiles.verify(folder.resolve("samples.json"))
                && AtomicFiles.verify(folder.resolve("manifest.json"));
    }

    public LesionBenchmarkDataset read() throws IOException {
        Map<String, INDArray> arrays = Npz.read(folder.resolve("dataset.npz"));
        DatasetManifest manifest = JSON.readValue(text("manifest.json"), DatasetManifest.class);
        List<SampleInfo> samples = JSON.readValue(text("samples.json"), new TypeReference<List<SampleInfo>>() {});
        INDArray images = arrays.get("images");
        INDArray masks = arrays.get("masks");
        float[][] imageRows = new float[samples.size()][];
        float[][] maskRows = new float[samples.size()][];
        for (int i = 0; i < samples.size(); i++) {
            imageRows[i] = images.slice(i).dup('c').data().asFloat();
            maskRows[i] =
                    samples.get(i).hasMask() ? masks.slice(i).dup('c').data().asFloat() : null;
        }
        return new LesionBenchmarkDataset(manifest, samples, imageRows, maskRows);
    }

    public void write(LesionBenchmarkDataset dataset, float[][] images, float[][] masks, List<BenchmarkSample> built)
            throws IOException {
        int size = dataset.manifest().height();
        float[] imageValues = new float[images.length * size * size];
        float[] maskValues = new float[images.length * size * size];
        for (int i = 0; i < images.length; i++) {
            System.arraycopy(images[i], 0, imageValues, i * size * size, size * size);
            if (masks[i] != null) {
                System.arraycopy(masks[i], 0, maskValues, i * size * size, size * size);
            }
        }
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        long[] shape = {images.length, size, size};
        arrays.put("images", Nd4j.create(imageValues, shape, 'c').castTo(DataType.FLOAT));
        arrays.put("masks", Nd4j.create(maskValues, shape, 'c').castTo(DataType.FLOAT));
        AtomicFiles.write(folder.resolve("dataset.npz"), out -> Npz.write(arrays, out));
        List<SampleInfo> samples = new java.util.ArrayList<>();
        for (int i = 0; i < dataset.size(); i++) {
            samples.add(dataset.sample(i));
        }
        writeText("samples.json", JSON.writeValueAsString(samples));
        writeText("lesions.csv", lesionTable(built));
        writeText("manifest.json", JSON.writeValueAsString(dataset.manifest()));
    }

    private static String lesionTable(List<BenchmarkSample> samples) {
        StringBuilder csv = new StringBuilder("index,sample,split,centre_x,centre_y,radius,semi_major,semi_minor,"
                + "angle,lobulation,contrast,bright,surrounding_mean,mask_pixels\n");
        for (int i = 0; i < samples.size(); i++) {
            Lesion lesion = samples.get(i).lesion();
            if (lesion == null) {
                continue;
            }
            csv.append(String.format(
                    Locale.ROOT,
                    "%d,%s,%s,%.3f,%.3f,%.3f,%.3f,%.3f,%.4f,%.4f,%.4f,%b,%.4f,%d%n",
                    i,
                    samples.get(i).key(),
                    samples.get(i).split(),
                    lesion.centreX(),
                    lesion.centreY(),
                    lesion.radius(),
                    lesion.semiMajor(),
                    lesion.semiMinor(),
                    lesion.angle(),
                    lesion.lobulation(),
                    lesion.contrast(),
                    lesion.bright(),
                    lesion.surroundingMean(),
                    lesion.maskPixels()));
        }
        return csv.toString();
    }

    private String text(String name) throws IOException {
        return Files.readString(folder.resolve(name), StandardCharsets.UTF_8);
    }

    private void writeText(String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(folder.resolve(name), out -> out.write(bytes));
    }
}
