package org.robustlab.data.dicom.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TransferSyntax;

/**
 * Opens the data set of a DICOM file for PixelMed. Some writers encode the data set in implicit VR although the meta
 * header names an explicit VR transfer syntax. As pydicom and GDCM do, such a data set is read as implicit VR.
 */
final class DataSetStreams {

    /** Maximum number of bytes read from the start of a file to find the meta header and the first data set element. */
    private static final int PREFIX_BYTES = 64 * 1024;

    /** Offset of the File Meta Information Group Length element: after the 128-byte preamble and "DICM". */
    private static final int GROUP_LENGTH_ELEMENT = 132;

    private static final int META_START = GROUP_LENGTH_ELEMENT + 12;

    private static final int ITEM_GROUP = 0xFFFE;

    private static final int UNDEFINED_LENGTH = -1;

    /** Explicit VRs whose element header has two reserved bytes and a 4-byte length. */
    private static final Set<String> LONG_VRS =
            Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

    private DataSetStreams() {}

    /**
     * Returns a stream positioned where PixelMed reads the file from. With {@code implicitUnderExplicitMeta}, from
     * {@link #isImplicitUnderExplicitMeta}, the meta header is read into {@code list} first and the stream is switched
     * to implicit VR. Every other file is left to PixelMed as it is.
     */
    static DicomInputStream open(InputStream in, AttributeList list, boolean implicitUnderExplicitMeta)
            throws IOException, DicomException {
        DicomInputStream dicom = new DicomInputStream(in);
        if (dicom.haveMetaHeader() && implicitUnderExplicitMeta) {
            list.readOnlyMetaInformationHeader(dicom);
            dicom.setTransferSyntaxToReadDataSet(
                    new ImplicitVr(dicom.getTransferSyntaxToReadDataSet().getUID()));
            dicom.setReadingDataSet();
        }
        return dicom;
    }

    /** Returns whether the data set is read as implicit VR although the meta header names explicit VR. */
    static boolean isImplicitDespiteMeta(DicomInputStream dicom) {
        return dicom.getTransferSyntaxToReadDataSet() instanceof ImplicitVr;
    }

    /**
     * Returns whether the meta header names an explicit VR little endian syntax without deflate while the data set
     * is in implicit VR. The meta header must have a group length at which its group 0002 elements end exactly. The
     * data set must start with at least two elements that read as implicit VR (ascending tags, lengths that fit in
     * the file) and whose first has no upper-case letters where explicit VR puts the VR.
     */
    static boolean isImplicitUnderExplicitMeta(Path file) throws IOException {
        long size = Files.size(file);
        ByteBuffer prefix = ByteBuffer.wrap(readPrefix(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (prefix.limit() < META_START || !hasGroupLengthElement(prefix)) {
            return false;
        }
        long dataSetStart = META_START + Integer.toUnsignedLong(prefix.getInt(GROUP_LENGTH_ELEMENT + 8));
        if (dataSetStart + 8 > prefix.limit()) {
            return false;
        }
        String syntax = transferSyntax(prefix, (int) dataSetStart);
        if (syntax == null || syntax.isEmpty() || !isPlainExplicitLittleEndian(syntax)) {
            return false;
        }
        int start = (int) dataSetStart;
        boolean vrLetters = isUpperCaseLetter(prefix.get(start + 4)) && isUpperCaseLetter(prefix.get(start + 5));
        return !vrLetters && readsAsImplicitVr(prefix, start, size);
    }

    /**
     * Returns whether the elements from {@code start} read as implicit VR: two of them, or one of undefined length,
     * or all up to the end of the file, with ascending tags outside the item group and lengths that fit in the file.
     */
    private static boolean readsAsImplicitVr(ByteBuffer prefix, int start, long size) {
        long position = start;
        long previousTag = -1;
        int elements = 0;
        while (elements < 2 && position + 8 <= prefix.limit()) {
            int group = Short.toUnsignedInt(prefix.getShort((int) position));
            long tag = ((long) group << 16) | Short.toUnsignedInt(prefix.getShort((int) position + 2));
            int length = prefix.getInt((int) position + 4);
            if (group == ITEM_GROUP || tag <= previousTag) {
                return false;
            }
            elements++;
            if (length == UNDEFINED_LENGTH) {
                return true; // undefined length, as of a sequence, whose items are not walked
            }
            position += 8 + Integer.toUnsignedLong(length);
            if (position > size) {
                return false;
            }
            previousTag = tag;
        }
        return elements == 2 || position == size;
    }

    private static byte[] readPrefix(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(PREFIX_BYTES);
        }
    }

    private static boolean hasGroupLengthElement(ByteBuffer prefix) {
        return prefix.getInt(GROUP_LENGTH_ELEMENT - 4) == 0x4D434944 // "DICM"
                && prefix.getShort(GROUP_LENGTH_ELEMENT) == 2
                && prefix.getShort(GROUP_LENGTH_ELEMENT + 2) == 0
                && prefix.get(GROUP_LENGTH_ELEMENT + 4) == 'U'
                && prefix.get(GROUP_LENGTH_ELEMENT + 5) == 'L';
    }

    /**
     * Returns the Transfer Syntax UID (0002,0010) of the explicit VR meta header, or null unless the elements after
     * the group length are all of group 0002 and end exactly at {@code metaEnd}.
     */
    private static String transferSyntax(ByteBuffer prefix, int metaEnd) {
        String syntax = null;
        int position = META_START;
        while (position < metaEnd) {
            if (position + 8 > metaEnd || prefix.getShort(position) != 2) {
                return null;
            }
            String vr = new String(
                    new byte[] {prefix.get(position + 4), prefix.get(position + 5)}, StandardCharsets.US_ASCII);
            boolean longVr = LONG_VRS.contains(vr);
            if (longVr && position + 12 > metaEnd) {
                return null;
            }
            int valueStart = position + (longVr ? 12 : 8);
            long valueLength = longVr
                    ? Integer.toUnsignedLong(prefix.getInt(position + 8))
                    : Short.toUnsignedInt(prefix.getShort(position + 6));
            if (valueStart + valueLength > metaEnd) {
                return null;
            }
            if (prefix.getShort(position + 2) == 0x0010) {
                byte[] value = new byte[(int) valueLength];
                prefix.get(valueStart, value);
                syntax = new String(value, StandardCharsets.US_ASCII)
                        .replace("\0", "")
                        .trim();
            }
            position = (int) (valueStart + valueLength);
        }
        return syntax;
    }

    private static boolean isPlainExplicitLittleEndian(String uid) {
        TransferSyntax syntax = new TransferSyntax(uid);
        return syntax.isExplicitVR() && syntax.isLittleEndian() && !syntax.isDeflated() && !syntax.isBzip2ed();
    }

    private static boolean isUpperCaseLetter(byte value) {
        return value >= 'A' && value <= 'Z';
    }

    /** A transfer syntax as its UID defines it, but with implicit VR. */
    private static final class ImplicitVr extends TransferSyntax {

        ImplicitVr(String uid) {
            super(uid);
            explicitVR = false;
        }
    }
}
