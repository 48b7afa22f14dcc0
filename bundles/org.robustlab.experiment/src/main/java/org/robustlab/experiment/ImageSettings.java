package org.robustlab.experiment;

import org.robustlab.core.parameter.Parameter;

/**
 * The size the importer resizes images to.
 *
 * @param height image height
 * @param width image width
 * @param channels 1 for grey, 3 for RGB
 */
public record ImageSettings(
        @Parameter(description = "Image height after resizing", unit = "pixels", min = 8, max = 4096)
        int height,

        @Parameter(description = "Image width after resizing", unit = "pixels", min = 8, max = 4096)
        int width,

        @Parameter(description = "Channels: 1 for grey, 3 for RGB", min = 1, max = 3)
        int channels) {

    public ImageSettings {
        if (channels == 2) {
            throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got 2");
        }
    }

    /** Returns 64x64 grey images. */
    public static ImageSettings defaults() {
        return new ImageSettings(64, 64, 1);
    }
}
