package org.robustlab.experiment.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.saliency.SaliencyPostprocessing;
import org.robustlab.experiment.report.SaliencyImages;

/**
 * Writes the saliency grid: for each of the first grid cases, one row per model with the input (mask outlined)
 * followed by one overlay per saliency method. Each cell is also written as its own PNG under {@code saliency/},
 * and the whole grid as {@code saliency/grid.png}. Maps are shown as Han et al. (2021) show them: absolute value,
 * clipped to mean plus or minus three standard deviations, scaled to [0, 1].
 */
final class SaliencyGridWriter {

    /** One cell of the grid as PNG bytes. */
    record Cell(String caseLabel, String model, String method, byte[] png) {}

    private static final int GAP = 4;

    private final Path folder;

    SaliencyGridWriter(Path folder) {
        this.folder = folder;
    }

    /** Writes the cell and grid images and returns the cells in row order: case, model, then column. */
    List<Cell> write(EvaluationResults.SaliencySet set, int gridCases) throws IOException {
        Files.createDirectories(folder);
        long[] shape = set.images().shape();
        int height = (int) shape[2];
        int width = (int) shape[3];
        int scale = Math.max(1, 128 / Math.max(height, width));
        int cases = Math.min(gridCases, (int) shape[0]);
        List<String> models = new ArrayList<>(set.maps().keySet());
        List<String> methods = models.isEmpty()
                ? List.of()
                : new ArrayList<>(set.maps().get(models.get(0)).keySet());
        List<Cell> cells = new ArrayList<>();
        Map<String, BufferedImage> images = new LinkedHashMap<>();
        Map<String, Map<String, INDArray>> display = displayMaps(set.maps());
        for (int c = 0; c < cases; c++) {
            float[] grey = grey(set.images(), c);
            float[] mask = set.masks() == null ? null : flat(set.masks(), c);
            String caseLabel = String.format(Locale.ROOT, "case-%02d", c + 1);
            BufferedImage input = SaliencyImages.image(grey, mask, height, width, scale);
            cells.add(save(caseLabel, "", "input", input, images));
            for (String model : models) {
                for (String method : methods) {
                    float[] map = flat(display.get(model).get(method), c);
                    BufferedImage overlay = SaliencyImages.overlay(grey, map, height, width, scale);
                    cells.add(save(caseLabel, model, method, overlay, images));
                }
            }
        }
        writeGrid(images, cases, models, methods, height * scale, width * scale);
        return cells;
    }

    /**
     * Writes each display map of every case alone, without the input, as {@code case-NN-<model>-<method>.png} in
     * this writer's folder.
     */
    void writeHeatmaps(EvaluationResults.SaliencySet set) throws IOException {
        Files.createDirectories(folder);
        long[] shape = set.images().shape();
        int height = (int) shape[2];
        int width = (int) shape[3];
        int scale = Math.max(1, 128 / Math.max(height, width));
        Map<String, Map<String, INDArray>> display = displayMaps(set.maps());
        for (int c = 0; c < shape[0]; c++) {
            String caseLabel = String.format(Locale.ROOT, "case-%02d", c + 1);
            for (var model : display.entrySet()) {
                for (var method : model.getValue().entrySet()) {
                    BufferedImage heatmap = SaliencyImages.heatmap(flat(method.getValue(), c), height, width, scale);
                    YamlText.writeBytes(
                            folder.resolve(caseLabel + "-" + model.getKey() + "-" + method.getKey() + ".png"),
                            SaliencyImages.png(heatmap));
                }
            }
        }
    }

    /** Returns the maps post-processed for display as Han et al. (2021) show them. */
    private static Map<String, Map<String, INDArray>> displayMaps(Map<String, Map<String, INDArray>> maps) {
        Map<String, Map<String, INDArray>> display = new LinkedHashMap<>();
        maps.forEach((model, byMethod) -> {
            Map<String, INDArray> processed = new LinkedHashMap<>();
            byMethod.forEach((method, raw) -> processed.put(method, SaliencyPostprocessing.HAN_ET_AL.apply(raw)));
            display.put(model, processed);
        });
        return display;
    }

    private Cell save(
            String caseLabel, String model, String method, BufferedImage image, Map<String, BufferedImage> images)
            throws IOException {
        String name = caseLabel + (model.isEmpty() ? "" : "-" + model) + "-" + method;
        byte[] png = SaliencyImages.png(image);
        YamlText.writeBytes(folder.resolve(name + ".png"), png);
        images.put(name, image);
        return new Cell(caseLabel, model, method, png);
    }

    private void writeGrid(
            Map<String, BufferedImage> images,
            int cases,
            List<String> models,
            List<String> methods,
            int cellHeight,
            int cellWidth)
            throws IOException {
        int columns = 1 + methods.size();
        int rows = cases * Math.max(1, models.size());
        BufferedImage grid =
                new BufferedImage(columns * (cellWidth + GAP), rows * (cellHeight + GAP), BufferedImage.TYPE_INT_RGB);
        int row = 0;
        for (int c = 0; c < cases; c++) {
            String caseLabel = String.format(Locale.ROOT, "case-%02d", c + 1);
            for (String model : models.isEmpty() ? List.of("") : models) {
                draw(grid, images.get(caseLabel + "-input"), row, 0, cellHeight, cellWidth);
                for (int m = 0; m < methods.size(); m++) {
                    draw(
                            grid,
                            images.get(caseLabel + "-" + model + "-" + methods.get(m)),
                            row,
                            m + 1,
                            cellHeight,
                            cellWidth);
                }
                row++;
            }
        }
        YamlText.writeBytes(folder.resolve("grid.png"), SaliencyImages.png(grid));
    }

    private static void draw(BufferedImage grid, BufferedImage cell, int row, int column, int height, int width) {
        if (cell != null) {
            grid.getGraphics().drawImage(cell, column * (width + GAP), row * (height + GAP), null);
        }
    }

    /** Returns the grey values of one image: its single channel, or the mean of its channels. */
    private static float[] grey(INDArray images, int index) {
        INDArray image = images.slice(index).castTo(DataType.FLOAT);
        INDArray mean = image.size(0) == 1 ? image.slice(0) : image.mean(0);
        return mean.dup('c').data().asFloat();
    }

    private static float[] flat(INDArray array, int index) {
        return array.slice(index).castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
