package org.robustlab.metrics;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.saliency.SaliencyPostprocessing;

/** Saliency maps [N, H, W] as one double array per image, after post-processing. */
public record MapArrays(double[][] maps, int height, int width) {

    /**
     * Returns the maps after {@code postprocessing}.
     *
     * @throws IllegalArgumentException when the maps are not [N, H, W]
     */
    public static MapArrays of(INDArray maps, SaliencyPostprocessing postprocessing) {
        if (maps.rank() != 3) {
            throw new IllegalArgumentException("Saliency maps must be [N, H, W], got " + Arrays.toString(maps.shape()));
        }
        INDArray processed = postprocessing.apply(maps);
        int count = (int) processed.size(0);
        int height = (int) processed.size(1);
        int width = (int) processed.size(2);
        double[] all = processed.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] perImage = new double[count][];
        for (int i = 0; i < count; i++) {
            perImage[i] = Arrays.copyOfRange(all, i * height * width, (i + 1) * height * width);
        }
        return new MapArrays(perImage, height, width);
    }

    /** Returns whether a map has no contrast: every value equal, an all-zero map included. */
    public static boolean isEmpty(double[] map) {
        for (double value : map) {
            if (value != map[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the pixel indices ordered by decreasing value; equal values keep row-major order, so the order is
     * deterministic.
     */
    public static int[] descendingOrder(double[] map) {
        return java.util.stream.IntStream.range(0, map.length)
                .boxed()
                .sorted((a, b) -> Double.compare(map[b], map[a]))
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
