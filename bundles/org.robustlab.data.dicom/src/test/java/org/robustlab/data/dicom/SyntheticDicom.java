package org.robustlab.data.dicom;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.ShortStringAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;

/** Builds small DICOM files for tests, written with PixelMed; the values under test come from the standard. */
final class SyntheticDicom {

    static final String EXPLICIT_LITTLE = "1.2.840.10008.1.2.1";

    static final String IMPLICIT_LITTLE = "1.2.840.10008.1.2";

    static final String EXPLICIT_BIG = "1.2.840.10008.1.2.2";

    private static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";

    private final AttributeList list = new AttributeList();

    /** Starts an image with the pixel module's size and depth; MONOCHROME2, one sample, unsigned. */
    static SyntheticDicom image(int rows, int columns, int bitsAllocated, int bitsStored) {
        SyntheticDicom dicom = new SyntheticDicom();
        dicom.us(TagFromName.Rows, rows)
                .us(TagFromName.Columns, columns)
                .us(TagFromName.BitsAllocated, bitsAllocated)
                .us(TagFromName.BitsStored, bitsStored)
                .us(TagFromName.HighBit, bitsStored - 1)
                .us(TagFromName.PixelRepresentation, 0)
                .us(TagFromName.SamplesPerPixel, 1)
                .cs(TagFromName.PhotometricInterpretation, "MONOCHROME2")
                .ui(TagFromName.SOPClassUID, SECONDARY_CAPTURE)
                .ui(TagFromName.SOPInstanceUID, "1.2.826.0.1.3680043.10.1419.1.1");
        return dicom;
    }

    /** Returns the attribute list, for attributes this builder has no method for. */
    AttributeList list() {
        return list;
    }

    SyntheticDicom us(AttributeTag tag, int... values) {
        return put(new UnsignedShortAttribute(tag), values);
    }

    SyntheticDicom ds(AttributeTag tag, String... values) {
        return put(new DecimalStringAttribute(tag), values);
    }

    SyntheticDicom cs(AttributeTag tag, String... values) {
        return put(new CodeStringAttribute(tag), values);
    }

    SyntheticDicom is(AttributeTag tag, String... values) {
        return put(new IntegerStringAttribute(tag), values);
    }

    SyntheticDicom ui(AttributeTag tag, String value) {
        return put(new UniqueIdentifierAttribute(tag), value);
    }

    SyntheticDicom lo(AttributeTag tag, String... value) {
        return put(new LongStringAttribute(tag), value);
    }

    SyntheticDicom sh(AttributeTag tag, String value) {
        return put(new ShortStringAttribute(tag), value);
    }

    SyntheticDicom pn(AttributeTag tag, String value) {
        return put(new PersonNameAttribute(tag), value);
    }

    /** Sets Pixel Data as OW words. */
    SyntheticDicom words(int... values) {
        short[] words = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            words[i] = (short) values[i];
        }
        try {
            OtherWordAttribute attribute = new OtherWordAttribute(TagFromName.PixelData);
            attribute.setValues(words);
            list.put(attribute);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Sets the Red, Green and Blue Palette Color Lookup Table Data as OW. */
    SyntheticDicom palette(int[] red, int[] green, int[] blue) {
        table(TagFromName.RedPaletteColorLookupTableData, red);
        table(TagFromName.GreenPaletteColorLookupTableData, green);
        table(TagFromName.BluePaletteColorLookupTableData, blue);
        return this;
    }

    private void table(AttributeTag tag, int[] entries) {
        short[] words = new short[entries.length];
        for (int i = 0; i < entries.length; i++) {
            words[i] = (short) entries[i];
        }
        try {
            OtherWordAttribute attribute = new OtherWordAttribute(tag);
            attribute.setValues(words);
            list.put(attribute);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets Pixel Data as OB bytes. */
    SyntheticDicom bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        try {
            OtherByteAttribute attribute = new OtherByteAttribute(TagFromName.PixelData);
            attribute.setValues(bytes);
            list.put(attribute);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Adds a sequence with one item per given list. */
    SyntheticDicom sequence(AttributeTag tag, AttributeList... items) {
        SequenceAttribute sequence = new SequenceAttribute(tag);
        for (AttributeList item : items) {
            sequence.addItem(item);
        }
        list.put(sequence);
        return this;
    }

    /** Writes a PS3.10 file: preamble, "DICM" and file meta information. */
    Path write(Path file, String transferSyntax) {
        try {
            FileMetaInformation.addFileMetaInformation(list, transferSyntax, "ROBUSTLAB");
            list.write(file.toFile(), transferSyntax, true, true);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the bare data set without preamble or file meta information, as some scanner consoles do. */
    Path writeWithoutMeta(Path file, String transferSyntax) {
        try (OutputStream out = Files.newOutputStream(file)) {
            list.remove(TagFromName.TransferSyntaxUID);
            list.removeGroupLengthAttributes();
            list.removeMetaInformationHeaderAttributes();
            list.write(out, transferSyntax, false, true);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
    }

    private SyntheticDicom put(Attribute attribute, String... values) {
        try {
            for (String value : values) {
                attribute.addValue(value);
            }
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
        list.put(attribute);
        return this;
    }

    private SyntheticDicom put(Attribute attribute, int... values) {
        try {
            for (int value : values) {
                attribute.addValue(value);
            }
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
        list.put(attribute);
        return this;
    }
}
