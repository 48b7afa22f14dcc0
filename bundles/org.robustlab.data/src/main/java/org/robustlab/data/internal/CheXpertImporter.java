package org.robustlab.data.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.data.DatasetException;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.data.ImportResult;
import org.robustlab.core.data.Split;
import org.robustlab.core.data.TaskType;
import org.robustlab.data.CsvTable;
import org.robustlab.data.DatasetBuilder;
import org.robustlab.data.Pseudonyms;
import org.robustlab.data.RasterImages;
import org.robustlab.data.SampleSource;

/**
 * Imports the CheXpert layout (Irvin et al., AAAI 2019): a folder with {@code train.csv} and {@code valid.csv}
 * whose {@code Path} column names JPEG files as {@code <dataset folder>/<split>/patientNNNNN/studyN/viewN_*.jpg}.
 * Observation values are 1 (positive), 0 (negative), -1 (uncertain, mapped by the policy) or blank (not mentioned,
 * negative). {@code valid.csv} becomes the test split, since CheXpert's own test set is not public; validation is
 * carved from {@code train.csv} by patient.
 */
@Component(service = DatasetImporter.class)
@ContributionMetadata(
        id = "chexpert",
        label = "CheXpert (CSV layout)",
        description = "CheXpert train.csv/valid.csv with JPEG images; multi-label, uncertain labels by policy zeros,"
                + " ones or ignore; split by patient, valid.csv as test.")
public final class CheXpertImporter implements DatasetImporter<CheXpertParameters> {

    private static final Pattern PATIENT = Pattern.compile("(patient\\d+)");

    @Override
    public Class<CheXpertParameters> parameterType() {
        return CheXpertParameters.class;
    }

    @Override
    public CheXpertParameters defaultParameters() {
        return new CheXpertParameters(UncertaintyPolicy.IGNORE, true, CheXpertParameters.OBSERVATIONS);
    }

    @Override
    public ImportResult importDataset(ImportRequest request, CheXpertParameters parameters) throws IOException {
        Path root = request.source();
        Path trainCsv = root.resolve("train.csv");
        if (!Files.isDirectory(root) || !Files.isRegularFile(trainCsv)) {
            throw new DatasetException(root, "not a CheXpert folder: train.csv is missing");
        }
        List<Path> files = new ArrayList<>(List.of(trainCsv));
        List<SampleSource> samples = new ArrayList<>();
        addTable(CsvTable.read(trainCsv), Split.TRAIN, root, parameters, files, samples);
        Path validCsv = root.resolve("valid.csv");
        if (Files.isRegularFile(validCsv)) {
            files.add(validCsv);
            addTable(CsvTable.read(validCsv), Split.TEST, root, parameters, files, samples);
        }
        DatasetBuilder builder = new DatasetBuilder(
                "chexpert",
                root.getFileName().toString(),
                TaskType.MULTILABEL,
                parameters.labels(),
                "8-bit JPEG pixels divided by 255 to [0, 1]",
                parameters);
        return builder.build(request, files, samples);
    }

    private static void addTable(
            CsvTable table,
            Split split,
            Path root,
            CheXpertParameters parameters,
            List<Path> files,
            List<SampleSource> samples) {
        int pathColumn = table.column("Path");
        int viewColumn = table.hasColumn("Frontal/Lateral") ? table.column("Frontal/Lateral") : -1;
        int[] labelColumns =
                parameters.labels().stream().mapToInt(table::column).toArray();
        for (int row = 0; row < table.size(); row++) {
            if (parameters.frontalOnly()
                    && viewColumn >= 0
                    && table.value(row, viewColumn).equals("Lateral")) {
                continue;
            }
            String relative = table.value(row, pathColumn);
            Matcher patient = PATIENT.matcher(relative);
            if (!patient.find()) {
                throw new DatasetException(
                        table.file(),
                        "line " + table.line(row) + ": path '" + relative + "' has no patientNNNNN folder");
            }
            float[] labels = new float[labelColumns.length];
            for (int i = 0; i < labelColumns.length; i++) {
                labels[i] = value(table, row, labelColumns[i], parameters.uncertainty());
            }
            Path image = resolve(root, relative);
            files.add(image);
            samples.add(new SampleSource(
                    relative,
                    Pseudonyms.key("chexpert-image", relative),
                    Pseudonyms.key("patient", patient.group(1)),
                    labels,
                    List.of(),
                    split,
                    () -> RasterImages.read(image)));
        }
    }

    private static float value(CsvTable table, int row, int column, UncertaintyPolicy policy) {
        String text = table.value(row, column);
        switch (text) {
            case "", "0", "0.0" -> {
                return 0f;
            }
            case "1", "1.0" -> {
                return 1f;
            }
            case "-1", "-1.0" -> {
                return policy.value();
            }
            default ->
                throw new DatasetException(
                        table.file(),
                        "line " + table.line(row) + ", column '"
                                + table.header().get(column) + "': invalid label '" + text
                                + "'; expected 1, 0, -1 or blank");
        }
    }

    /**
     * Returns the image of a CSV path: paths start with the dataset folder's own name, so they resolve against its
     * parent; a copy renamed on disk resolves against the folder itself without that first component.
     */
    private static Path resolve(Path root, String relative) {
        Path parent = root.toAbsolutePath().getParent();
        if (parent != null && Files.exists(parent.resolve(relative))) {
            return parent.resolve(relative);
        }
        int slash = relative.indexOf('/');
        return root.resolve(slash < 0 ? relative : relative.substring(slash + 1));
    }
}
