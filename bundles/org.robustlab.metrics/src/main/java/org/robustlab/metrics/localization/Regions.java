package org.robustlab.metrics.localization;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.data.Box;
import org.robustlab.core.metric.EvaluationInput;

/** Ground-truth regions of the evaluation images as boolean pixel masks. */
final class Regions {

    private Regions() {}

    /**
     * Returns one mask per image, row-major: the image's mask where the input has masks (values > 0.5), otherwise
     * the union of its boxes with both edges inclusive, as {@link Box#contains} defines. An image without a region
     * gets an all-false mask.
     *
     * @throws IllegalArgumentException when the masks differ in size from the maps
     */
    static boolean[][] of(EvaluationInput input, int count, int height, int width) {
        boolean[][] regions = new boolean[count][height * width];
        if (input.masks().isPresent()) {
            INDArray masks = input.masks().get();
            if (masks.size(0) != count || masks.size(1) != height || masks.size(2) != width) {
                throw new IllegalArgumentException("Masks of shape " + java.util.Arrays.toString(masks.shape())
                        + " do not match maps of " + count + " x " + height + " x " + width);
            }
            double[] values = masks.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            for (int i = 0; i < count; i++) {
                for (int p = 0; p < height * width; p++) {
                    regions[i][p] = values[i * height * width + p] > 0.5;
                }
            }
            return regions;
        }
        List<List<Box>> boxes = input.boxes();
        for (int i = 0; i < Math.min(count, boxes.size()); i++) {
            for (Box box : boxes.get(i)) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        regions[i][y * width + x] |= box.contains(x, y);
                    }
                }
            }
        }
        return regions;
    }

    static boolean isEmpty(boolean[] region) {
        for (boolean inside : region) {
            if (inside) {
                return false;
            }
        }
        return true;
    }
}
