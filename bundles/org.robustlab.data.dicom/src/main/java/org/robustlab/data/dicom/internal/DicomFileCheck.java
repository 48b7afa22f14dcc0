package org.robustlab.data.dicom.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.robustlab.data.dicom.DicomReadException;
import org.robustlab.data.dicom.DicomReadException.Reason;

/**
 * Decides from its first bytes whether a file is DICOM: a PS3.10 file has "DICM" after a 128-byte preamble; a bare
 * data set (no preamble, no file meta information, as some scanner consoles write) starts with the tag of a data
 * element of a low group, in little- or big-endian byte order.
 */
final class DicomFileCheck {

    private static final int PREFIX_OFFSET = 128;

    private DicomFileCheck() {}

    /** Throws {@link DicomReadException} with {@link Reason#NOT_DICOM} unless the file looks like DICOM. */
    static void requireDicom(Path file) {
        byte[] head = new byte[PREFIX_OFFSET + 4];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new DicomReadException(file, Reason.NOT_DICOM, "the file cannot be read: " + e.getMessage(), e);
        }
        if (length == 0) {
            throw new DicomReadException(file, Reason.NOT_DICOM, "not a DICOM file: the file is empty");
        }
        if (!hasPrefix(head, length) && !startsWithDataElement(head, length)) {
            throw new DicomReadException(
                    file,
                    Reason.NOT_DICOM,
                    "not a DICOM file: no 'DICM' prefix at byte 128 and"
                            + " the file does not start with a DICOM data element");
        }
    }

    private static boolean hasPrefix(byte[] head, int length) {
        return length >= PREFIX_OFFSET + 4
                && head[PREFIX_OFFSET] == 'D'
                && head[PREFIX_OFFSET + 1] == 'I'
                && head[PREFIX_OFFSET + 2] == 'C'
                && head[PREFIX_OFFSET + 3] == 'M';
    }

    private static boolean startsWithDataElement(byte[] head, int length) {
        if (length < 8) {
            return false;
        }
        int littleGroup = (head[0] & 0xff) | (head[1] & 0xff) << 8;
        int bigGroup = (head[1] & 0xff) | (head[0] & 0xff) << 8;
        return plausibleGroup(littleGroup) || plausibleGroup(bigGroup);
    }

    /** Groups a data set can start with: file meta (0002) and the low groups of the patient and study modules. */
    private static boolean plausibleGroup(int group) {
        return group == 0x0002
                || group == 0x0008
                || group == 0x0010
                || group == 0x0018
                || group == 0x0020
                || group == 0x0028;
    }
}
