package org.robustlab.data.dicom.internal;

/** The VOI that turns modality values into [0, 1] for a network. */
public enum WindowChoice {
    /** The first VOI preset of the file, else the frame's minimum to maximum. */
    HEADER,
    /** The frame's minimum to maximum modality value, ignoring the presets. */
    MIN_MAX,
    /** The window given by the center and width parameters, with the LINEAR function. */
    FIXED
}
