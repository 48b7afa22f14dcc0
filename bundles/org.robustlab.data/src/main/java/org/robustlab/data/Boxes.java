package org.robustlab.data;

import org.robustlab.core.data.Box;

/** Conversions of the box notations of public datasets into {@link Box}es. */
public final class Boxes {

    private Boxes() {}

    /**
     * Returns the box of a top-left corner and a size in pixels, as NIH ChestX-ray14 and RSNA Pneumonia write them:
     * a box at x 10 with width 3 covers the columns 10, 11 and 12. A size below one pixel covers one pixel.
     */
    public static Box fromCorner(String label, double x, double y, double width, double height) {
        if (!(width >= 0) || !(height >= 0)) {
            throw new IllegalArgumentException("box size must be >= 0, got " + width + " x " + height);
        }
        return new Box(label, x, y, x + Math.max(0, width - 1), y + Math.max(0, height - 1));
    }
}
