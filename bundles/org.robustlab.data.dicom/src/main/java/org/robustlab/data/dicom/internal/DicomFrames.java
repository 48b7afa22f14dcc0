package org.robustlab.data.dicom.internal;

import java.nio.file.Path;

import org.robustlab.data.SourceImage;
import org.robustlab.data.dicom.DicomImage;
import org.robustlab.data.dicom.DicomReader;
import org.robustlab.data.dicom.Voi;
import org.robustlab.data.dicom.VoiWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns DICOM frames into {@link SourceImage}s for the dataset builder, keeping the last decoded file so that the
 * frames of one multi-frame file are decoded once, and logging what the reader tolerated in each file (a missing file
 * meta header, an unmatched Window Width) as a warning. Not thread-safe: one per import.
 */
final class DicomFrames {

    private static final Logger LOG = LoggerFactory.getLogger(DicomFrames.class);

    private final DicomReader reader;
    private final WindowChoice window;
    private final double center;
    private final double width;
    private Path lastFile;
    private DicomImage lastImage;

    DicomFrames(DicomReader reader, WindowChoice window, double center, double width) {
        this.reader = reader;
        this.window = window;
        this.center = center;
        this.width = width;
    }

    /** Returns the intensity convention for the manifest. */
    String describe() {
        String voi =
                switch (window) {
                    case HEADER -> "the first VOI window or VOI LUT of the file, else the frame's minimum to maximum";
                    case MIN_MAX -> "the frame's minimum to maximum modality value";
                    case FIXED -> "the LINEAR window " + center + "/" + width;
                };
        return "DICOM stored values through the Modality LUT, then " + voi + " (PS3.3 C.11.2) to [0, 1],"
                + " MONOCHROME1 inverted so that larger is brighter; colour as RGB in [0, 1]";
    }

    /** Returns one frame of a file. */
    SourceImage frame(Path file, int frame) {
        if (!file.equals(lastFile)) {
            lastImage = null;
            lastImage = reader.read(file);
            lastFile = file;
            for (String warning : lastImage.warnings()) {
                LOG.warn("{}: {}", file.getFileName(), warning);
            }
        }
        DicomImage image = lastImage;
        if (image.isColor()) {
            return new SourceImage(image.rgb(frame), image.rows(), image.columns());
        }
        Voi voi =
                switch (window) {
                    case HEADER -> image.defaultVoi(frame);
                    case MIN_MAX -> DicomImage.minMaxWindow(image.modalityValues(frame));
                    case FIXED -> VoiWindow.linear(center, width);
                };
        return new SourceImage(new float[][] {image.displayValues(frame, voi)}, image.rows(), image.columns());
    }
}
