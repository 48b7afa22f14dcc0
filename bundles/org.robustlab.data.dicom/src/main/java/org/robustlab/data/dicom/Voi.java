package org.robustlab.data.dicom;

/**
 * A value-of-interest transformation (PS3.3 C.11.2): maps a modality value to a display value in [0, 1], where
 * 0 is the minimum and 1 the maximum output, before any MONOCHROME1 inversion.
 */
public sealed interface Voi permits VoiWindow, VoiTable {

    /** Returns the display value in [0, 1] of a modality value. */
    double apply(double modalityValue);

    /** Returns a short description for manifests and viewers, for example {@code window 40/400 LINEAR}. */
    String describe();
}
