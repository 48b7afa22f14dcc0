package org.robustlab.core.data;

/**
 * An axis-aligned region in pixel coordinates. Both corners are inside the box: the box covers the pixels
 * with {@code x0 <= x <= x1} and {@code y0 <= y <= y1}.
 *
 * @param label the finding it marks, or empty
 * @param x0 left column
 * @param y0 top row
 * @param x1 right column, inclusive
 * @param y1 bottom row, inclusive
 */
public record Box(String label, double x0, double y0, double x1, double y1) {

    public Box {
        label = label == null ? "" : label;
        if (!(x1 >= x0) || !(y1 >= y0)) {
            throw new IllegalArgumentException("Box corners must satisfy x0 <= x1 and y0 <= y1, got (" + x0 + ", " + y0
                    + ")-(" + x1 + ", " + y1 + ")");
        }
    }

    /** Returns whether the pixel at column {@code x}, row {@code y} lies in the box, edges included. */
    public boolean contains(double x, double y) {
        return x >= x0 && x <= x1 && y >= y0 && y <= y1;
    }

    /** Returns this box scaled by the given factors, as when the image it belongs to is resized. */
    public Box scaled(double sx, double sy) {
        return new Box(label, x0 * sx, y0 * sy, x1 * sx, y1 * sy);
    }
}
