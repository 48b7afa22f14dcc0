package org.robustlab.data.dicom;

import java.util.List;
import java.util.Objects;

/**
 * What a de-identified viewer or importer needs to know about a DICOM image. Identifying UIDs and the Patient ID
 * appear only as pseudonymous keys (truncated SHA-256 hashes); names, birth dates, accession numbers and
 * institutions are never read into this record.
 *
 * @param sopInstanceKey pseudonymous key of the SOP Instance UID (0008,0018), or of the file content without one
 * @param seriesKey pseudonymous key of the Series Instance UID (0020,000E), or empty
 * @param studyKey pseudonymous key of the Study Instance UID (0020,000D), or empty
 * @param patientKey pseudonymous key of the Patient ID (0010,0020), or empty
 * @param modality Modality (0008,0060), for example {@code CT}, or empty
 * @param transferSyntaxUid the transfer syntax the data set was read in
 * @param hasFileMetaInformation whether the file had a preamble and a file meta header (PS3.10 7.1)
 * @param pixelSpacing Pixel Spacing (0028,0030) as row spacing and column spacing in mm, or empty
 * @param imagePosition Image Position (Patient) (0020,0032) in mm, or empty
 * @param imageOrientation Image Orientation (Patient) (0020,0037), or empty
 * @param instanceNumber Instance Number (0020,0013), or 0
 * @param bodyPartExamined Body Part Examined (0018,0015), or empty
 * @param viewPosition View Position (0018,5101), for example {@code PA}, or empty
 * @param imageType values of Image Type (0008,0008)
 * @param lossyCompressed whether the pixels went through lossy compression, by transfer syntax or Lossy Image
 *     Compression (0028,2110)
 */
public record DicomMetadata(
        String sopInstanceKey,
        String seriesKey,
        String studyKey,
        String patientKey,
        String modality,
        String transferSyntaxUid,
        boolean hasFileMetaInformation,
        double[] pixelSpacing,
        double[] imagePosition,
        double[] imageOrientation,
        int instanceNumber,
        String bodyPartExamined,
        String viewPosition,
        List<String> imageType,
        boolean lossyCompressed) {

    public DicomMetadata {
        Objects.requireNonNull(sopInstanceKey, "sopInstanceKey");
        pixelSpacing = pixelSpacing.clone();
        imagePosition = imagePosition.clone();
        imageOrientation = imageOrientation.clone();
        imageType = List.copyOf(imageType);
    }

    /** Returns the name of the transfer syntax, for example {@code JPEG Lossless, SV1}. */
    public String transferSyntaxName() {
        return TransferSyntaxes.name(transferSyntaxUid);
    }

    @Override
    public double[] pixelSpacing() {
        return pixelSpacing.clone();
    }

    @Override
    public double[] imagePosition() {
        return imagePosition.clone();
    }

    @Override
    public double[] imageOrientation() {
        return imageOrientation.clone();
    }
}
