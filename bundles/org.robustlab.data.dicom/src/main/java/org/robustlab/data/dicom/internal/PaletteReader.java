package org.robustlab.data.dicom.internal;

import java.nio.file.Path;

import org.robustlab.data.dicom.ColorPalette;
import org.robustlab.data.dicom.DicomReadException;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;

/** Reads the Palette Color Lookup Table module (PS3.3 C.7.9) of a PALETTE COLOR image. */
final class PaletteReader {

    private static final AttributeTag SEGMENTED_RED = new AttributeTag(0x0028, 0x1221);

    private PaletteReader() {}

    static ColorPalette read(Path file, AttributeList list) {
        if (list.get(SEGMENTED_RED) != null) {
            throw new DicomReadException(
                    file,
                    DicomReadException.Reason.UNSUPPORTED_PIXEL_FORMAT,
                    "segmented palette colour lookup tables (0028,1221) are not supported");
        }
        int[] descriptor = Attribute.getIntegerValues(list, TagFromName.RedPaletteColorLookupTableDescriptor);
        int[] red = table(list, TagFromName.RedPaletteColorLookupTableData);
        int[] green = table(list, TagFromName.GreenPaletteColorLookupTableData);
        int[] blue = table(list, TagFromName.BluePaletteColorLookupTableData);
        if (descriptor == null || descriptor.length < 3 || red.length == 0 || green.length == 0 || blue.length == 0) {
            throw new DicomReadException(
                    file,
                    DicomReadException.Reason.CORRUPT,
                    "PALETTE COLOR image without a complete Red/Green/Blue Palette Color Lookup Table");
        }
        int bits = descriptor[2] == 8 ? 8 : 16;
        int entries = descriptor[0] == 0 ? 65536 : descriptor[0] & 0xffff;
        if (bits == 8 && red.length * 2 >= entries && red.length < entries) {
            // 8-bit entries packed two to a 16-bit word, low byte first.
            red = unpack(red, entries);
            green = unpack(green, entries);
            blue = unpack(blue, entries);
        }
        return new ColorPalette(descriptor[1] & 0xffff, bits, red, green, blue);
    }

    private static int[] table(AttributeList list, AttributeTag tag) {
        Attribute attribute = list.get(tag);
        if (attribute == null) {
            return new int[0];
        }
        try {
            short[] words = attribute.getShortValues();
            if (words != null) {
                int[] entries = new int[words.length];
                for (int i = 0; i < words.length; i++) {
                    entries[i] = words[i] & 0xffff;
                }
                return entries;
            }
        } catch (DicomException e) {
            // Not OW: read as US values below.
        }
        int[] values = Attribute.getIntegerValues(attribute);
        return values == null ? new int[0] : values;
    }

    private static int[] unpack(int[] words, int entries) {
        int[] bytes = new int[entries];
        for (int i = 0; i < entries; i++) {
            int word = words[i / 2];
            bytes[i] = i % 2 == 0 ? word & 0xff : word >>> 8;
        }
        return bytes;
    }
}
