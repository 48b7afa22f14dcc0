package org.robustlab.data.dicom.internal;

import java.util.Objects;

import org.robustlab.core.parameter.Parameter;

/**
 * Parameters of the DICOM folder importer.
 *
 * @param labels the label CSV, relative to the folder: a {@code file} column with paths relative to the folder,
 *     then either one {@code label} column of class names (multi-class) or one column per label with 1, 0, or
 *     blank or -1 for unknown (multi-label)
 * @param frames which frames of a multi-frame file become samples
 * @param window how modality values map to [0, 1]
 * @param center window center for {@link WindowChoice#FIXED}, in modality units
 * @param width window width for {@link WindowChoice#FIXED}, in modality units
 */
public record DicomFolderParameters(
        @Parameter(description = "Label CSV relative to the folder: a file column, then label columns")
        String labels,

        @Parameter(description = "Frames of multi-frame files used as samples: all, middle or first")
        FrameChoice frames,

        @Parameter(description = "Intensity window: header (the file's first preset), min-max or fixed")
        WindowChoice window,

        @Parameter(description = "Window center for the fixed window", unit = "modality units")
        double center,

        @Parameter(description = "Window width for the fixed window", unit = "modality units", min = 1)
        double width) {

    /** The frames of a multi-frame file that become samples. */
    public enum FrameChoice {
        /** Every frame. */
        ALL,
        /** The middle frame, {@code frames / 2}. */
        MIDDLE,
        /** The first frame. */
        FIRST
    }

    public DicomFolderParameters {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(window, "window");
        if (!(width >= 1) || !Double.isFinite(center)) {
            throw new IllegalArgumentException("width must be >= 1 and center finite, got " + center + "/" + width);
        }
    }
}
