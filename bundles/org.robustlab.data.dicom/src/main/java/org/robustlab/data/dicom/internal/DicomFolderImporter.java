package org.robustlab.data.dicom.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.data.DatasetException;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.data.ImportResult;
import org.robustlab.core.data.TaskType;
import org.robustlab.data.CsvTable;
import org.robustlab.data.DatasetBuilder;
import org.robustlab.data.Pseudonyms;
import org.robustlab.data.SampleSource;
import org.robustlab.data.dicom.DicomHeader;
import org.robustlab.data.dicom.DicomMetadata;
import org.robustlab.data.dicom.DicomReadException;
import org.robustlab.data.dicom.DicomReader;

/**
 * Imports a folder of DICOM files labelled by a CSV (see {@link DicomFolderParameters#labels()}). Samples are
 * grouped by the pseudonym of the Patient ID, else of the Study Instance UID, so one patient never spans splits.
 * A listed file that is missing, not DICOM or corrupt is skipped with a warning naming it.
 */
@Component(service = DatasetImporter.class)
@ContributionMetadata(
        id = "dicom-folder",
        label = "DICOM folder with label CSV",
        description = "DICOM files of a folder, labelled by a CSV (file column plus label columns); split by"
                + " patient; corrupt files are skipped and counted. JPEG-LS and 12-bit lossy JPEG are rejected.")
public final class DicomFolderImporter implements DatasetImporter<DicomFolderParameters> {

    private final DicomReader reader;

    @Activate
    public DicomFolderImporter(@Reference DicomReader reader) {
        this.reader = reader;
    }

    @Override
    public Class<DicomFolderParameters> parameterType() {
        return DicomFolderParameters.class;
    }

    @Override
    public DicomFolderParameters defaultParameters() {
        return new DicomFolderParameters(
                "labels.csv", DicomFolderParameters.FrameChoice.ALL, WindowChoice.HEADER, 40, 400);
    }

    @Override
    public ImportResult importDataset(ImportRequest request, DicomFolderParameters parameters) throws IOException {
        Path root = request.source();
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root, "not a folder; give the folder that contains the DICOM files");
        }
        Path csv = root.resolve(parameters.labels());
        if (!Files.isRegularFile(csv)) {
            throw new DatasetException(
                    csv,
                    "label CSV not found; write one with a 'file' column and label columns,"
                            + " or name another with --param labels=<file>");
        }
        CsvTable table = CsvTable.read(csv);
        LabelColumns labels = LabelColumns.of(table);
        DicomFrames frames = new DicomFrames(reader, parameters.window(), parameters.center(), parameters.width());
        List<Path> files = new ArrayList<>(List.of(csv));
        List<SampleSource> samples = new ArrayList<>();
        int fileColumn = table.column("file");
        for (int row = 0; row < table.size(); row++) {
            String relative = table.value(row, fileColumn);
            Path file = root.resolve(relative).normalize();
            float[] values = labels.values(table, row);
            if (!Files.isRegularFile(file)) {
                samples.add(failing(
                        relative,
                        values,
                        new DatasetException(file, "listed in " + csv.getFileName() + " but not found")));
                continue;
            }
            files.add(file);
            addFrames(samples, file, relative, values, parameters.frames(), frames);
        }
        DatasetBuilder builder = new DatasetBuilder(
                "dicom-folder",
                root.getFileName().toString(),
                labels.task(),
                labels.names(),
                frames.describe(),
                parameters);
        return builder.build(request, files, samples);
    }

    private void addFrames(
            List<SampleSource> samples,
            Path file,
            String relative,
            float[] labels,
            DicomFolderParameters.FrameChoice choice,
            DicomFrames frames) {
        DicomHeader header;
        try {
            header = reader.readHeader(file);
        } catch (DicomReadException e) {
            samples.add(failing(relative, labels, e));
            return;
        }
        DicomMetadata metadata = header.metadata();
        String group = !metadata.patientKey().isEmpty()
                ? metadata.patientKey()
                : !metadata.studyKey().isEmpty() ? metadata.studyKey() : metadata.sopInstanceKey();
        int count = header.format().frames();
        int first = choice == DicomFolderParameters.FrameChoice.MIDDLE ? count / 2 : 0;
        int last = choice == DicomFolderParameters.FrameChoice.ALL ? count - 1 : first;
        for (int frame = first; frame <= last; frame++) {
            int index = frame;
            String key = count == 1 ? metadata.sopInstanceKey() : metadata.sopInstanceKey() + "#" + frame;
            String name = count == 1 ? relative : relative + " frame " + frame;
            samples.add(new SampleSource(name, key, group, labels, List.of(), null, () -> frames.frame(file, index)));
        }
    }

    private static SampleSource failing(String relative, float[] labels, DatasetException problem) {
        String key = Pseudonyms.key("file", relative);
        return new SampleSource(relative, key, key, labels, List.of(), null, () -> {
            throw problem;
        });
    }

    /** The label columns of the CSV: one {@code label} column of class names, or one 0/1 column per label. */
    private record LabelColumns(TaskType task, List<String> names, int[] columns) {

        static LabelColumns of(CsvTable table) {
            List<String> header = table.header();
            if (header.size() == 2 && header.contains("label")) {
                int column = table.column("label");
                TreeSet<String> classes = new TreeSet<>();
                for (int row = 0; row < table.size(); row++) {
                    classes.add(table.value(row, column));
                }
                return new LabelColumns(TaskType.MULTICLASS, List.copyOf(classes), new int[] {column});
            }
            List<String> names = new ArrayList<>();
            List<Integer> columns = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                if (!header.get(i).equals("file")) {
                    names.add(header.get(i));
                    columns.add(i);
                }
            }
            if (names.isEmpty()) {
                throw new DatasetException(table.file(), "has no label columns besides 'file'");
            }
            return new LabelColumns(
                    TaskType.MULTILABEL,
                    names,
                    columns.stream().mapToInt(i -> i).toArray());
        }

        float[] values(CsvTable table, int row) {
            if (task == TaskType.MULTICLASS) {
                float[] oneHot = new float[names.size()];
                oneHot[names.indexOf(table.value(row, columns[0]))] = 1;
                return oneHot;
            }
            float[] values = new float[columns.length];
            for (int i = 0; i < columns.length; i++) {
                String text = table.value(row, columns[i]);
                values[i] = switch (text) {
                    case "1", "1.0" -> 1f;
                    case "0", "0.0" -> 0f;
                    case "", "-1", "-1.0" -> Float.NaN;
                    default ->
                        throw new DatasetException(
                                table.file(),
                                "line " + table.line(row) + ", column '" + names.get(i) + "': invalid label '" + text
                                        + "'; expected 1, 0, or blank or -1");
                };
            }
            return values;
        }
    }
}
