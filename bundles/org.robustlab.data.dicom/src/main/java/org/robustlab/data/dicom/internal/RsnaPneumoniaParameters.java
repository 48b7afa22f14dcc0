package org.robustlab.data.dicom.internal;

import java.util.Objects;

import org.robustlab.core.parameter.Parameter;

/**
 * Parameters of the RSNA Pneumonia Detection importer.
 *
 * @param labels the label CSV, relative to the folder
 * @param images the folder of {@code <patientId>.dcm} files, relative to the folder
 * @param window how modality values map to [0, 1]
 * @param center window center for {@link WindowChoice#FIXED}
 * @param width window width for {@link WindowChoice#FIXED}
 */
public record RsnaPneumoniaParameters(
        @Parameter(description = "Label CSV with patientId, x, y, width, height and Target columns")
        String labels,

        @Parameter(description = "Folder of <patientId>.dcm files")
        String images,

        @Parameter(description = "Intensity window: header, min-max or fixed")
        WindowChoice window,

        @Parameter(description = "Window center for the fixed window", unit = "modality units")
        double center,

        @Parameter(description = "Window width for the fixed window", unit = "modality units", min = 1)
        double width) {

    public RsnaPneumoniaParameters {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(window, "window");
        if (!(width >= 1) || !Double.isFinite(center)) {
            throw new IllegalArgumentException("width must be >= 1 and center finite, got " + center + "/" + width);
        }
    }
}
