package org.robustlab.data;

/**
 * A decoded image before preprocessing: one plane per channel (1 grey, 3 RGB), values in [0, 1], row-major.
 *
 * @param planes the channel planes, each of {@code height * width} values
 * @param height rows
 * @param width columns
 */
public record SourceImage(float[][] planes, int height, int width) {

    public SourceImage {
        if (planes.length != 1 && planes.length != 3) {
            throw new IllegalArgumentException("An image needs 1 or 3 channels, got " + planes.length);
        }
        for (float[] plane : planes) {
            if (plane.length != height * width) {
                throw new IllegalArgumentException(
                        "A plane has " + plane.length + " values, the image is " + height + " x " + width);
            }
        }
    }

    /** Returns the number of channels. */
    public int channels() {
        return planes.length;
    }
}
