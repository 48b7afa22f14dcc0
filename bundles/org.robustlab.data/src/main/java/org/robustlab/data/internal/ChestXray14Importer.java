package org.robustlab.data.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.data.Box;
import org.robustlab.core.data.DatasetException;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.data.ImportResult;
import org.robustlab.core.data.Split;
import org.robustlab.core.data.TaskType;
import org.robustlab.data.Boxes;
import org.robustlab.data.CsvTable;
import org.robustlab.data.DatasetBuilder;
import org.robustlab.data.Pseudonyms;
import org.robustlab.data.RasterImages;
import org.robustlab.data.SampleSource;

/**
 * Imports NIH ChestX-ray14 (Wang et al., CVPR 2017): {@code Data_Entry_2017.csv} with the image index, the
 * findings separated by {@code |} ({@code No Finding} for none) and the patient id; PNG images anywhere under the
 * folder; optional {@code BBox_List_2017.csv} with boxes as x, y, width, height in pixels of the original image,
 * which become masks; and optional {@code train_val_list.txt} and {@code test_list.txt}.
 */
@Component(service = DatasetImporter.class)
@ContributionMetadata(
        id = "chestxray14",
        label = "NIH ChestX-ray14",
        description = "Data_Entry_2017.csv with 14 multi-label findings, PNG images, optional BBox_List_2017.csv"
                + " (boxes become masks) and the official test list; split by patient.")
public final class ChestXray14Importer implements DatasetImporter<ChestXray14Parameters> {

    /** The 14 findings in the order of Wang et al.; "No Finding" is all zeros. */
    static final List<String> FINDINGS = List.of(
            "Atelectasis",
            "Cardiomegaly",
            "Effusion",
            "Infiltration",
            "Mass",
            "Nodule",
            "Pneumonia",
            "Pneumothorax",
            "Consolidation",
            "Edema",
            "Emphysema",
            "Fibrosis",
            "Pleural_Thickening",
            "Hernia");

    @Override
    public Class<ChestXray14Parameters> parameterType() {
        return ChestXray14Parameters.class;
    }

    @Override
    public ChestXray14Parameters defaultParameters() {
        return new ChestXray14Parameters(true);
    }

    @Override
    public ImportResult importDataset(ImportRequest request, ChestXray14Parameters parameters) throws IOException {
        Path root = request.source();
        Path entries = root.resolve("Data_Entry_2017.csv");
        if (!Files.isDirectory(root) || !Files.isRegularFile(entries)) {
            throw new DatasetException(root, "not a ChestX-ray14 folder: Data_Entry_2017.csv is missing");
        }
        List<Path> files = new ArrayList<>(List.of(entries));
        Map<String, List<Box>> boxes = boxes(root.resolve("BBox_List_2017.csv"), files);
        Set<String> testImages = parameters.officialSplit() ? list(root.resolve("test_list.txt"), files) : Set.of();
        Map<String, Path> images = index(root);
        CsvTable table = CsvTable.read(entries);
        int imageColumn = table.column("Image Index");
        int findingsColumn = table.column("Finding Labels");
        int patientColumn = table.column("Patient ID");
        List<SampleSource> samples = new ArrayList<>();
        for (int row = 0; row < table.size(); row++) {
            String name = table.value(row, imageColumn);
            Path image = images.get(name);
            if (image == null) {
                throw new DatasetException(
                        entries,
                        "line " + table.line(row) + ": image " + name + " is not under " + root
                                + "; put the PNG files (images/ or images_NNN/images/) there");
            }
            files.add(image);
            Split split = testImages.isEmpty() ? null : testImages.contains(name) ? Split.TEST : Split.TRAIN;
            samples.add(new SampleSource(
                    root.relativize(image).toString(),
                    Pseudonyms.key("nih-image", name),
                    Pseudonyms.key("patient", table.value(row, patientColumn)),
                    labels(table, row, findingsColumn),
                    boxes.getOrDefault(name, List.of()),
                    split,
                    () -> RasterImages.read(image)));
        }
        DatasetBuilder builder = new DatasetBuilder(
                "chestxray14",
                root.getFileName().toString(),
                TaskType.MULTILABEL,
                FINDINGS,
                "8-bit PNG pixels divided by 255 to [0, 1]",
                parameters);
        return builder.build(request, files, samples);
    }

    private static float[] labels(CsvTable table, int row, int column) {
        float[] labels = new float[FINDINGS.size()];
        for (String finding : table.value(row, column).split("\\|")) {
            String name = finding.strip();
            int index = FINDINGS.indexOf(name);
            if (index >= 0) {
                labels[index] = 1;
            } else if (!name.equals("No Finding")) {
                throw new DatasetException(
                        table.file(),
                        "line " + table.line(row) + ": unknown finding '" + name + "'; known are " + FINDINGS
                                + " and No Finding");
            }
        }
        return labels;
    }

    private static Map<String, List<Box>> boxes(Path file, List<Path> files) throws IOException {
        Map<String, List<Box>> boxes = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return boxes;
        }
        files.add(file);
        CsvTable table = CsvTable.read(file);
        int imageColumn = table.column("Image Index");
        int labelColumn = table.column("Finding Label");
        for (int row = 0; row < table.size(); row++) {
            try {
                double x = Double.parseDouble(table.value(row, labelColumn + 1));
                double y = Double.parseDouble(table.value(row, labelColumn + 2));
                double width = Double.parseDouble(table.value(row, labelColumn + 3));
                double height = Double.parseDouble(table.value(row, labelColumn + 4));
                Box box = Boxes.fromCorner(table.value(row, labelColumn), x, y, width, height);
                boxes.computeIfAbsent(table.value(row, imageColumn), key -> new ArrayList<>())
                        .add(box);
            } catch (IllegalArgumentException e) {
                throw new DatasetException(file, "line " + table.line(row) + ": invalid box: " + e.getMessage(), e);
            }
        }
        return boxes;
    }

    private static Set<String> list(Path file, List<Path> files) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Set.of();
        }
        files.add(file);
        Set<String> names = new HashSet<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        return names;
    }

    private static Map<String, Path> index(Path root) throws IOException {
        Map<String, Path> images = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(file -> file.getFileName().toString().endsWith(".png"))
                    .forEach(file -> images.putIfAbsent(file.getFileName().toString(), file));
        }
        return images;
    }
}
