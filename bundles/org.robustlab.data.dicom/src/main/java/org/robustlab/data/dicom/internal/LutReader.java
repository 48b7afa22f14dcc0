package org.robustlab.data.dicom.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.robustlab.data.dicom.ModalityLut;
import org.robustlab.data.dicom.Voi;
import org.robustlab.data.dicom.VoiFunction;
import org.robustlab.data.dicom.VoiTable;
import org.robustlab.data.dicom.VoiWindow;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;

/**
 * Reads the Modality LUT and the VOI presets of one data set or functional group item: Rescale Slope, Intercept
 * and Type or the Modality LUT Sequence (PS3.3 C.11.1), and Window Center/Width with the VOI LUT Function or the
 * VOI LUT Sequence (PS3.3 C.11.2). Tolerated faults are added to {@code warnings}, each naming the attribute.
 */
final class LutReader {

    static final AttributeTag MODALITY_LUT_SEQUENCE = new AttributeTag(0x0028, 0x3000);

    static final AttributeTag MODALITY_LUT_TYPE = new AttributeTag(0x0028, 0x3004);

    private final boolean signed;
    private final List<String> warnings;

    LutReader(boolean signed, List<String> warnings) {
        this.signed = signed;
        this.warnings = warnings;
    }

    /** Returns the Modality LUT that {@code list} defines, or empty when it defines none. */
    Optional<ModalityLut> modalityLut(AttributeList list) {
        AttributeList table = AttributeValues.item(list, MODALITY_LUT_SEQUENCE, 0);
        if (table != null) {
            Optional<int[]> descriptor = descriptor(table);
            int[] data = lutData(table);
            if (descriptor.isPresent() && data.length > 0) {
                return Optional.of(new ModalityLut.Table(
                        descriptor.get()[1], data, AttributeValues.string(table, MODALITY_LUT_TYPE)));
            }
            warnings.add("Modality LUT Sequence (0028,3000) has no usable LUT Descriptor or LUT Data; it was ignored");
        }
        double[] slope =
                AttributeValues.decimals(list, TagFromName.RescaleSlope, "Rescale Slope (0028,1053)", warnings);
        double[] intercept =
                AttributeValues.decimals(list, TagFromName.RescaleIntercept, "Rescale Intercept (0028,1052)", warnings);
        if (slope.length == 0 && intercept.length == 0) {
            return Optional.empty();
        }
        double slopeValue = slope.length == 0 ? 1 : slope[0];
        if (slopeValue == 0) {
            warnings.add("Rescale Slope (0028,1053) is 0, which would erase the image; a slope of 1 was used");
            slopeValue = 1;
        }
        double interceptValue = intercept.length == 0 ? 0 : intercept[0];
        String type = AttributeValues.string(list, TagFromName.RescaleType);
        return Optional.of(new ModalityLut.Rescale(slopeValue, interceptValue, type));
    }

    /**
     * Returns the VOI presets that {@code list} defines: the windows first (Window Center and Width pairs in file
     * order), then the tables of the VOI LUT Sequence. When the two attributes have different numbers of values,
     * only the complete pairs are used.
     */
    List<Voi> voiPresets(AttributeList list) {
        List<Voi> presets = new ArrayList<>(windows(list));
        int tables = AttributeValues.itemCount(list, TagFromName.VOILUTSequence);
        for (int i = 0; i < tables; i++) {
            AttributeList item = AttributeValues.item(list, TagFromName.VOILUTSequence, i);
            Optional<int[]> descriptor = descriptor(item);
            int[] data = lutData(item);
            if (descriptor.isEmpty()
                    || data.length == 0
                    || descriptor.get()[2] < 1
                    || descriptor.get()[2] > 16) {
                warnings.add("VOI LUT Sequence (0028,3010) item " + (i + 1) + " has an invalid LUT; it was ignored");
                continue;
            }
            String explanation = AttributeValues.string(item, TagFromName.LUTExplanation);
            presets.add(new VoiTable(descriptor.get()[1], data, descriptor.get()[2], explanation));
        }
        return presets;
    }

    /** Returns whether {@code list} has any attribute of the VOI LUT module. */
    static boolean hasVoi(AttributeList list) {
        return list.get(TagFromName.WindowCenter) != null || list.get(TagFromName.VOILUTSequence) != null;
    }

    private List<VoiWindow> windows(AttributeList list) {
        double[] centers =
                AttributeValues.decimals(list, TagFromName.WindowCenter, "Window Center (0028,1050)", warnings);
        double[] widths = AttributeValues.decimals(list, TagFromName.WindowWidth, "Window Width (0028,1051)", warnings);
        if (centers.length != widths.length) {
            warnings.add("Window Center (0028,1050) has " + centers.length + " values but Window Width (0028,1051) has "
                    + widths.length + "; only the first " + Math.min(centers.length, widths.length)
                    + " pair(s) were used");
        }
        List<String> explanations = AttributeValues.strings(list, TagFromName.WindowCenterWidthExplanation);
        VoiFunction function = function(list);
        List<VoiWindow> windows = new ArrayList<>();
        for (int i = 0; i < Math.min(centers.length, widths.length); i++) {
            String explanation = i < explanations.size() ? explanations.get(i) : "";
            double minimumWidth = function == VoiFunction.LINEAR ? 1 : Double.MIN_VALUE;
            if (widths[i] < minimumWidth) {
                warnings.add("Window Width (0028,1051) value " + widths[i] + " is below the minimum of " + function
                        + "; that window was ignored");
                continue;
            }
            windows.add(new VoiWindow(centers[i], widths[i], function, explanation));
        }
        return windows;
    }

    private VoiFunction function(AttributeList list) {
        String value = AttributeValues.string(list, TagFromName.VOILUTFunction);
        if (value.isEmpty()) {
            return VoiFunction.LINEAR;
        }
        Optional<VoiFunction> function = VoiFunction.parse(value);
        if (function.isEmpty()) {
            warnings.add("VOI LUT Function (0028,1056) '" + value + "' is not a defined term; LINEAR was used");
        }
        return function.orElse(VoiFunction.LINEAR);
    }

    /**
     * Returns the LUT Descriptor (entries, first mapped value, bits per entry), with 0 entries meaning 65536 and
     * the first mapped value read as signed for signed images (PS3.3 C.11.1.1.1).
     */
    private Optional<int[]> descriptor(AttributeList item) {
        int[] values = item == null ? null : Attribute.getIntegerValues(item, TagFromName.LUTDescriptor);
        if (values == null || values.length < 3) {
            return Optional.empty();
        }
        int entries = values[0] == 0 ? 65536 : values[0] & 0xffff;
        int first = signed ? (short) values[1] : values[1] & 0xffff;
        return Optional.of(new int[] {entries, first, values[2]});
    }

    private static int[] lutData(AttributeList item) {
        Attribute data = item == null ? null : item.get(TagFromName.LUTData);
        if (data == null) {
            return new int[0];
        }
        try {
            short[] words = data.getShortValues();
            if (words != null) {
                int[] entries = new int[words.length];
                for (int i = 0; i < words.length; i++) {
                    entries[i] = words[i] & 0xffff;
                }
                return entries;
            }
        } catch (DicomException e) {
            // Not OW: fall through to integer values (US).
        }
        int[] values = Attribute.getIntegerValues(data);
        return values == null ? new int[0] : values;
    }
}
