package org.robustlab.data.dicom.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.robustlab.core.io.AtomicFiles;
import org.robustlab.data.Pseudonyms;
import org.robustlab.data.dicom.DicomMetadata;
import org.robustlab.data.dicom.TransferSyntaxes;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;

/** Reads the de-identified {@link DicomMetadata}; identifying values leave this class only as pseudonyms. */
final class MetadataReader {

    private MetadataReader() {}

    static DicomMetadata read(Path file, AttributeList list, String transferSyntax, boolean hasMeta)
            throws IOException {
        List<String> ignored = new ArrayList<>();
        String sop = AttributeValues.string(list, TagFromName.SOPInstanceUID);
        String sopKey = sop.isEmpty()
                ? Pseudonyms.key("sop-instance-content", AtomicFiles.sha256(file))
                : Pseudonyms.key("sop-instance", sop);
        double[] spacing = AttributeValues.decimals(list, TagFromName.PixelSpacing, "Pixel Spacing", ignored);
        if (spacing.length < 2) {
            spacing = AttributeValues.decimals(list, TagFromName.ImagerPixelSpacing, "Imager Pixel Spacing", ignored);
        }
        String lossy = AttributeValues.string(list, TagFromName.LossyImageCompression);
        return new DicomMetadata(
                sopKey,
                keyOf(list, TagFromName.SeriesInstanceUID, "series"),
                keyOf(list, TagFromName.StudyInstanceUID, "study"),
                keyOf(list, TagFromName.PatientID, "patient"),
                AttributeValues.string(list, TagFromName.Modality),
                transferSyntax,
                hasMeta,
                spacing.length >= 2 ? new double[] {spacing[0], spacing[1]} : new double[0],
                vector(list, TagFromName.ImagePositionPatient, 3),
                vector(list, TagFromName.ImageOrientationPatient, 6),
                AttributeValues.integer(list, TagFromName.InstanceNumber).orElse(0),
                AttributeValues.string(list, TagFromName.BodyPartExamined),
                AttributeValues.string(list, TagFromName.ViewPosition),
                AttributeValues.strings(list, TagFromName.ImageType),
                TransferSyntaxes.isLossy(transferSyntax) || lossy.equals("01"));
    }

    private static String keyOf(AttributeList list, AttributeTag tag, String kind) {
        String value = AttributeValues.string(list, tag);
        return value.isEmpty() ? "" : Pseudonyms.key(kind, value);
    }

    private static double[] vector(AttributeList list, AttributeTag tag, int length) {
        double[] values = AttributeValues.decimals(list, tag, tag.toString(), new ArrayList<>());
        return values.length == length ? values : new double[0];
    }
}
