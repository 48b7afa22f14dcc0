package org.robustlab.data.dicom.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;

/** Typed access to attribute values, tolerant of the padding and formatting that real files carry. */
final class AttributeValues {

    private AttributeValues() {}

    /** Returns the first value of an attribute, stripped, or the empty string when absent. */
    static String string(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).strip();
    }

    /** Returns every value of a multi-valued string attribute, stripped; empty when absent. */
    static List<String> strings(AttributeList list, AttributeTag tag) {
        Attribute attribute = list.get(tag);
        List<String> values = new ArrayList<>();
        if (attribute == null) {
            return values;
        }
        try {
            String[] raw = attribute.getStringValues();
            if (raw != null) {
                for (String value : raw) {
                    values.add(value == null ? "" : value.strip());
                }
            }
        } catch (DicomException e) {
            return values;
        }
        return values;
    }

    /** Returns the first value of an integer attribute (US, SS, IS), or empty when absent or not a number. */
    static OptionalInt integer(AttributeList list, AttributeTag tag) {
        Attribute attribute = list.get(tag);
        if (attribute == null || attribute.getVM() == 0) {
            return OptionalInt.empty();
        }
        try {
            int[] values = attribute.getIntegerValues();
            return values == null || values.length == 0 ? OptionalInt.empty() : OptionalInt.of(values[0]);
        } catch (DicomException | NumberFormatException e) {
            String text = string(list, tag);
            try {
                return OptionalInt.of(Integer.parseInt(text));
            } catch (NumberFormatException notInteger) {
                return OptionalInt.empty();
            }
        }
    }

    /**
     * Returns the values of a Decimal String attribute parsed in double precision (PS3.5 6.2: optional sign,
     * digits, optional exponent, surrounding spaces allowed). Values that do not parse are left out and named in
     * {@code problems}.
     */
    static double[] decimals(AttributeList list, AttributeTag tag, String name, List<String> problems) {
        List<String> texts = strings(list, tag);
        double[] values = new double[texts.size()];
        int count = 0;
        for (String text : texts) {
            try {
                double value = Double.parseDouble(text);
                if (Double.isFinite(value)) {
                    values[count++] = value;
                    continue;
                }
            } catch (NumberFormatException e) {
                // Reported below with the other unparsable values.
            }
            problems.add(name + " value '" + text + "' is not a decimal number; it was ignored");
        }
        return java.util.Arrays.copyOf(values, count);
    }

    /** Returns the item of a sequence attribute, or {@code null} when the sequence or the item is missing. */
    static AttributeList item(AttributeList list, AttributeTag sequenceTag, int index) {
        Attribute attribute = list == null ? null : list.get(sequenceTag);
        if (!(attribute instanceof SequenceAttribute sequence) || index >= sequence.getNumberOfItems()) {
            return null;
        }
        return sequence.getItem(index).getAttributeList();
    }

    /** Returns the number of items of a sequence attribute, 0 when absent. */
    static int itemCount(AttributeList list, AttributeTag sequenceTag) {
        Attribute attribute = list == null ? null : list.get(sequenceTag);
        return attribute instanceof SequenceAttribute sequence ? sequence.getNumberOfItems() : 0;
    }
}
