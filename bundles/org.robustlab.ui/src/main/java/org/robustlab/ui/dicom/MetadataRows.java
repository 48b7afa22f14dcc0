package org.robustlab.ui.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.robustlab.data.dicom.DicomImage;
import org.robustlab.data.dicom.DicomMetadata;
import org.robustlab.data.dicom.PixelFormat;

/**
 * The rows of the viewer's metadata panel. They come from {@link DicomMetadata}, which never contains patient
 * names, birth dates, accession numbers or institutions; UIDs and the Patient ID appear only as pseudonymous keys.
 */
public final class MetadataRows {

    /** One attribute and its value as shown. */
    public record Row(String attribute, String value) {}

    private MetadataRows() {}

    /** Returns the rows for {@code image}, in display order. */
    public static List<Row> of(DicomImage image) {
        DicomMetadata metadata = image.metadata();
        PixelFormat format = image.pixelFormat();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Modality", metadata.modality()));
        rows.add(new Row("Body Part Examined", metadata.bodyPartExamined()));
        rows.add(new Row("View Position", metadata.viewPosition()));
        rows.add(new Row("Image Type", String.join("\\", metadata.imageType())));
        rows.add(new Row("Instance Number", Integer.toString(metadata.instanceNumber())));
        rows.add(new Row("Rows x Columns", format.rows() + " x " + format.columns()));
        rows.add(new Row("Number of Frames", Integer.toString(format.frames())));
        rows.add(new Row("Photometric Interpretation", format.photometricInterpretation()));
        rows.add(new Row("Bits Stored / Allocated", format.bitsStored() + " / " + format.bitsAllocated()));
        rows.add(new Row("Pixel Representation", format.signed() ? "signed" : "unsigned"));
        rows.add(new Row("Pixel Spacing (mm)", numbers(metadata.pixelSpacing())));
        rows.add(new Row("Transfer Syntax", metadata.transferSyntaxName()));
        rows.add(new Row("Lossy compressed", metadata.lossyCompressed() ? "yes" : "no"));
        rows.add(new Row("SOP Instance (pseudonym)", metadata.sopInstanceKey()));
        rows.add(new Row("Series (pseudonym)", metadata.seriesKey()));
        rows.add(new Row("Study (pseudonym)", metadata.studyKey()));
        rows.add(new Row("Patient (pseudonym)", metadata.patientKey()));
        for (String warning : image.warnings()) {
            rows.add(new Row("Reader warning", warning));
        }
        return rows;
    }

    private static String numbers(double[] values) {
        return values.length == 0
                ? ""
                : String.join(
                        " \\ ",
                        Arrays.stream(values)
                                .mapToObj(value -> String.format(Locale.ROOT, "%.4g", value))
                                .toList());
    }
}
