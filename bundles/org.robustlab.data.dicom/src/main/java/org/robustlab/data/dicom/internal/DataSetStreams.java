package org.robustlab.data.dicom.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TransferSyntax;

/**
 * Opens the data set of a DICOM file for PixelMed. Some writers encode the data set in implicit VR although the meta
 * header names an explicit VR transfer syntax. As pydicom and GDCM do, such a data set is read as implicit VR.
 */
final class DataSetStreams {

    /** Length of the element header that is peeked at: tag and the two bytes where explicit VR puts the VR. */
    private static final int PEEKED_BYTES = 6;

    private DataSetStreams() {}

    /**
     * Returns a stream positioned at the data set. The meta header, if the file has one, is read into {@code list}
     * first, and the encoding of the first data set element decides between explicit and implicit VR.
     */
    static DicomInputStream open(InputStream in, AttributeList list) throws IOException, DicomException {
        DicomInputStream dicom = new DicomInputStream(in);
        if (!dicom.haveMetaHeader()) {
            return dicom;
        }
        list.readOnlyMetaInformationHeader(dicom);
        TransferSyntax declared = dicom.getTransferSyntaxToReadDataSet();
        boolean plainExplicit = declared != null
                && declared.isExplicitVR()
                && declared.isLittleEndian()
                && !declared.isDeflated()
                && !declared.isBzip2ed();
        if (plainExplicit && !startsWithVr(dicom)) {
            dicom.setTransferSyntaxToReadDataSet(new ImplicitVr(declared.getUID()));
        }
        dicom.setReadingDataSet();
        return dicom;
    }

    /** Returns whether the data set is read as implicit VR although the meta header names explicit VR. */
    static boolean isImplicitDespiteMeta(DicomInputStream dicom) {
        return dicom.getTransferSyntaxToReadDataSet() instanceof ImplicitVr;
    }

    /** Returns whether the next element header has two upper-case letters where explicit VR puts the VR. */
    private static boolean startsWithVr(DicomInputStream dicom) throws IOException {
        byte[] header = new byte[PEEKED_BYTES];
        dicom.mark(PEEKED_BYTES);
        try {
            dicom.readInsistently(header, 0, PEEKED_BYTES);
        } catch (EOFException e) {
            return true; // an empty or truncated data set: nothing to correct, and the reader reports it
        } finally {
            dicom.reset();
        }
        return isUpperCaseLetter(header[4]) && isUpperCaseLetter(header[5]);
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
