package org.robustlab.ui.dicom;

import org.eclipse.swt.graphics.ImageData;
import org.robustlab.data.dicom.DicomImage;
import org.robustlab.data.dicom.Voi;
import org.robustlab.ui.image.Rasters;

/**
 * Renders frames of a {@link DicomImage} for display. The modality values of the last frame are kept, so that
 * dragging the window re-renders without decoding the frame again.
 */
final class FrameRenderer {

    private final DicomImage image;

    private int cachedFrame = -1;

    private double[] modality;

    FrameRenderer(DicomImage image) {
        this.image = image;
    }

    /** Returns the modality values of a monochrome frame. */
    double[] modalityValues(int frame) {
        if (frame != cachedFrame) {
            modality = image.modalityValues(frame);
            cachedFrame = frame;
        }
        return modality;
    }

    /**
     * Returns the display values of a monochrome frame: Modality LUT, then {@code voi}, then for MONOCHROME1 the
     * inversion {@code 1 - y} of PS3.3 C.7.6.3.1.2, so that the minimum stored value of a MONOCHROME1 image is
     * white.
     */
    float[] displayValues(int frame, Voi voi) {
        double[] values = modalityValues(frame);
        boolean invert = image.pixelFormat().isInverted();
        float[] display = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            double y = voi.apply(values[i]);
            display[i] = (float) (invert ? 1 - y : y);
        }
        return display;
    }

    /** Returns a frame as image data: grey through {@code voi} for monochrome, RGB for colour. */
    ImageData render(int frame, Voi voi) {
        if (image.isColor()) {
            return Rasters.rgb(image.rgb(frame), image.columns(), image.rows());
        }
        return Rasters.grey(displayValues(frame, voi), image.columns(), image.rows());
    }
}
