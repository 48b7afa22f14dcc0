package org.robustlab.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.SubMonitor;
import org.robustlab.core.data.Box;
import org.robustlab.core.data.DatasetException;
import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.data.ImportResult.SkippedFile;
import org.robustlab.core.data.SampleInfo;
import org.robustlab.core.data.Split;
import org.robustlab.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decodes, preprocesses and writes the images and masks of a dataset into a cache folder. */
final class TensorWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TensorWriter.class);

    private final ImportRequest request;
    private final Path folder;

    /**
     * The samples written and the files skipped.
     *
     * @param samples the written samples, indexed in writing order
     * @param skipped files that could not be read, with the reason
     */
    record Result(List<SampleInfo> samples, List<SkippedFile> skipped) {}

    TensorWriter(ImportRequest request, Path folder) {
        this.request = request;
        this.folder = folder;
    }

    Result write(List<SampleSource> sources, Map<String, Split> splits) throws IOException {
        Path imageData = folder.resolve("images.raw");
        Path maskData = folder.resolve("masks.raw");
        List<SampleInfo> samples = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        boolean anyMask = false;
        SubMonitor monitor =
                SubMonitor.convert(request.monitor(), "Importing " + sources.size() + " images", sources.size());
        try (OutputStream images = new BufferedOutputStream(Files.newOutputStream(imageData));
                OutputStream masks = new BufferedOutputStream(Files.newOutputStream(maskData))) {
            for (SampleSource source : sources) {
                DatasetBuilder.checkCanceled(monitor);
                SourceImage image = load(source, skipped);
                monitor.worked(1);
                if (image == null) {
                    continue;
                }
                NpyFloatFile.append(images, preprocess(image));
                double sx = (double) request.width() / image.width();
                double sy = (double) request.height() / image.height();
                boolean hasMask = !source.boxes().isEmpty();
                anyMask |= hasMask;
                NpyFloatFile.append(masks, mask(source.boxes(), sx, sy));
                Split split = splits.get(source.groupKey());
                samples.add(DatasetBuilder.info(
                        samples.size(), source, split, DatasetBuilder.scale(source.boxes(), sx, sy), hasMask));
            }
        }
        finish(imageData, CachedDataset.IMAGES, new long[] {
            samples.size(), request.channels(), request.height(), request.width()
        });
        if (anyMask) {
            finish(maskData, CachedDataset.MASKS, new long[] {samples.size(), request.height(), request.width()});
        }
        Files.deleteIfExists(maskData);
        return new Result(samples, skipped);
    }

    private static SourceImage load(SampleSource source, List<SkippedFile> skipped) {
        try {
            return source.loader().load();
        } catch (DatasetException | IOException e) {
            String reason =
                    e instanceof DatasetException ? stripFile(e.getMessage()) : "read failed: " + e.getMessage();
            skipped.add(new SkippedFile(source.file(), reason));
            LOG.warn("Skipped {}: {}", source.file(), reason);
            return null;
        }
    }

    /** Removes the leading "path: " that {@link DatasetException} puts before its message. */
    private static String stripFile(String message) {
        int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }

    private float[] preprocess(SourceImage image) {
        float[][] planes = image.planes();
        if (request.channels() == 1 && planes.length == 3) {
            planes = new float[][] {luminance(planes)};
        } else if (request.channels() == 3 && planes.length == 1) {
            planes = new float[][] {planes[0], planes[0], planes[0]};
        }
        int pixels = request.height() * request.width();
        float[] data = new float[planes.length * pixels];
        for (int c = 0; c < planes.length; c++) {
            float[] resized =
                    ImageResize.bilinear(planes[c], image.height(), image.width(), request.height(), request.width());
            System.arraycopy(resized, 0, data, c * pixels, pixels);
        }
        return data;
    }

    /** Returns BT.601 luminance, the weights DICOM colour images are converted with as well. */
    static float[] luminance(float[][] rgb) {
        float[] grey = new float[rgb[0].length];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = 0.299f * rgb[0][i] + 0.587f * rgb[1][i] + 0.114f * rgb[2][i];
        }
        return grey;
    }

    /** Returns the mask of the boxes: 1 where an output pixel's centre lies inside a box (edges included). */
    private float[] mask(List<Box> boxes, double sx, double sy) {
        float[] mask = new float[request.height() * request.width()];
        for (Box box : boxes) {
            for (int y = 0; y < request.height(); y++) {
                double sourceY = (y + 0.5) / sy - 0.5;
                for (int x = 0; x < request.width(); x++) {
                    double sourceX = (x + 0.5) / sx - 0.5;
                    if (sourceX >= box.x0() - 0.5
                            && sourceX <= box.x1() + 0.5
                            && sourceY >= box.y0() - 0.5
                            && sourceY <= box.y1() + 0.5) {
                        mask[y * request.width() + x] = 1;
                    }
                }
            }
        }
        return mask;
    }

    private void finish(Path data, String name, long[] shape) throws IOException {
        AtomicFiles.write(folder.resolve(name), out -> NpyFloatFile.write(out, shape, data));
        Files.delete(data);
    }
}
