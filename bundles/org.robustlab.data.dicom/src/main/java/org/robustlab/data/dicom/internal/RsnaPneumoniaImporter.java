package org.robustlab.data.dicom.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.data.Box;
import org.robustlab.core.data.DatasetException;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.data.ImportResult;
import org.robustlab.core.data.TaskType;
import org.robustlab.data.Boxes;
import org.robustlab.data.CsvTable;
import org.robustlab.data.DatasetBuilder;
import org.robustlab.data.Pseudonyms;
import org.robustlab.data.SampleSource;
import org.robustlab.data.dicom.DicomReader;

/**
 * Imports the RSNA Pneumonia Detection Challenge layout (2018): {@code stage_2_train_labels.csv} with one row per
 * box ({@code patientId, x, y, width, height, Target}; a negative image has one row with empty box fields) and one
 * DICOM chest radiograph per patient. The single label is "Lung Opacity"; boxes become masks.
 */
@Component(service = DatasetImporter.class)
@ContributionMetadata(
        id = "rsna-pneumonia",
        label = "RSNA Pneumonia Detection",
        description = "stage_2_train_labels.csv and <patientId>.dcm chest radiographs; one label (Lung Opacity),"
                + " boxes become masks; split by patient.")
public final class RsnaPneumoniaImporter implements DatasetImporter<RsnaPneumoniaParameters> {

    private final DicomReader reader;

    @Activate
    public RsnaPneumoniaImporter(@Reference DicomReader reader) {
        this.reader = reader;
    }

    @Override
    public Class<RsnaPneumoniaParameters> parameterType() {
        return RsnaPneumoniaParameters.class;
    }

    @Override
    public RsnaPneumoniaParameters defaultParameters() {
        return new RsnaPneumoniaParameters(
                "stage_2_train_labels.csv", "stage_2_train_images", WindowChoice.HEADER, 40, 400);
    }

    @Override
    public ImportResult importDataset(ImportRequest request, RsnaPneumoniaParameters parameters) throws IOException {
        Path root = request.source();
        Path csv = root.resolve(parameters.labels());
        if (!Files.isDirectory(root) || !Files.isRegularFile(csv)) {
            throw new DatasetException(csv, "not an RSNA Pneumonia folder: the label CSV is missing");
        }
        CsvTable table = CsvTable.read(csv);
        Map<String, Patient> patients = patients(table);
        DicomFrames frames = new DicomFrames(reader, parameters.window(), parameters.center(), parameters.width());
        List<Path> files = new ArrayList<>(List.of(csv));
        List<SampleSource> samples = new ArrayList<>();
        for (Map.Entry<String, Patient> entry : patients.entrySet()) {
            String relative = parameters.images() + "/" + entry.getKey() + ".dcm";
            Path file = root.resolve(relative);
            if (Files.isRegularFile(file)) {
                files.add(file);
            }
            samples.add(new SampleSource(
                    relative,
                    Pseudonyms.key("rsna-image", entry.getKey()),
                    Pseudonyms.key("patient", entry.getKey()),
                    new float[] {entry.getValue().target},
                    entry.getValue().boxes,
                    null,
                    () -> frames.frame(file, 0)));
        }
        DatasetBuilder builder = new DatasetBuilder(
                "rsna-pneumonia",
                root.getFileName().toString(),
                TaskType.MULTILABEL,
                List.of("Lung Opacity"),
                frames.describe(),
                parameters);
        return builder.build(request, files, samples);
    }

    /** The label and boxes of one patient's image. */
    private static final class Patient {
        private float target;
        private final List<Box> boxes = new ArrayList<>();
    }

    private static Map<String, Patient> patients(CsvTable table) {
        int idColumn = table.column("patientId");
        int targetColumn = table.column("Target");
        int[] box = {table.column("x"), table.column("y"), table.column("width"), table.column("height")};
        Map<String, Patient> patients = new LinkedHashMap<>();
        for (int row = 0; row < table.size(); row++) {
            Patient patient = patients.computeIfAbsent(table.value(row, idColumn), id -> new Patient());
            String target = table.value(row, targetColumn);
            if (!target.equals("0") && !target.equals("1")) {
                throw new DatasetException(
                        table.file(), "line " + table.line(row) + ": Target must be 0 or 1, got '" + target + "'");
            }
            if (target.equals("1")) {
                patient.target = 1;
                try {
                    double x = Double.parseDouble(table.value(row, box[0]));
                    double y = Double.parseDouble(table.value(row, box[1]));
                    double width = Double.parseDouble(table.value(row, box[2]));
                    double height = Double.parseDouble(table.value(row, box[3]));
                    patient.boxes.add(Boxes.fromCorner("Lung Opacity", x, y, width, height));
                } catch (IllegalArgumentException e) {
                    throw new DatasetException(
                            table.file(), "line " + table.line(row) + ": invalid box: " + e.getMessage(), e);
                }
            }
        }
        return patients;
    }
}
