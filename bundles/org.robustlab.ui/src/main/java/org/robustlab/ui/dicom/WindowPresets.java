package org.robustlab.ui.dicom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.robustlab.data.dicom.DicomImage;
import org.robustlab.data.dicom.Voi;
import org.robustlab.data.dicom.VoiFunction;
import org.robustlab.data.dicom.VoiWindow;

/**
 * The VOI presets a viewer offers for one frame: those stored in the file first, then the frame's minimum to
 * maximum, then for CT the usual Hounsfield windows.
 */
public final class WindowPresets {

    /**
     * Commonly used CT windows as center/width in Hounsfield units: brain 40/80, subdural 75/215, lung -600/1500,
     * mediastinum 50/350, abdomen 40/400, bone 400/1800. They are starting points, not a standard.
     */
    static final Map<String, double[]> CT_WINDOWS = ctWindows();

    private WindowPresets() {}

    /** Returns the presets of {@code frame} by display name, in menu order. */
    public static Map<String, Voi> of(DicomImage image, int frame) {
        Map<String, Voi> presets = new LinkedHashMap<>();
        List<Voi> stored = image.voiPresets(frame);
        for (int i = 0; i < stored.size(); i++) {
            presets.put("File " + (i + 1) + ": " + stored.get(i).describe(), stored.get(i));
        }
        presets.put("Full range", DicomImage.minMaxWindow(image.modalityValues(frame)));
        if ("CT".equals(image.metadata().modality())) {
            CT_WINDOWS.forEach((name, window) ->
                    presets.put("CT " + name, new VoiWindow(window[0], window[1], VoiFunction.LINEAR, "CT " + name)));
        }
        return presets;
    }

    /** Returns the preset names of {@link #of}, for menus. */
    public static List<String> names(DicomImage image, int frame) {
        return new ArrayList<>(of(image, frame).keySet());
    }

    private static Map<String, double[]> ctWindows() {
        Map<String, double[]> windows = new LinkedHashMap<>();
        windows.put("brain", new double[] {40, 80});
        windows.put("subdural", new double[] {75, 215});
        windows.put("lung", new double[] {-600, 1500});
        windows.put("mediastinum", new double[] {50, 350});
        windows.put("abdomen", new double[] {40, 400});
        windows.put("bone", new double[] {400, 1800});
        return windows;
    }
}
