package org.robustlab.data.lesion.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.robustlab.core.data.DatasetException;
import org.robustlab.data.dicom.DicomImage;
import org.robustlab.data.dicom.DicomMetadata;
import org.robustlab.data.dicom.DicomReader;

/**
 * Reads DICOM series and files into volumes of modality values (Hounsfield units for CT) with a {@link DicomReader}.
 *
 * <p>The files of a series folder are ordered along the slice normal: the position of each slice, Image Position
 * (Patient), projected onto the cross product of the row and column directions of Image Orientation (Patient), as
 * PS3.3 C.7.6.2.1.1 defines them. Slices without both attributes are ordered by Instance Number, then by file name.
 * Every frame of every file becomes one slice.
 */
public final class DicomSeriesVolumes implements VolumeSource.DicomVolumes {

    private final DicomReader reader;

    public DicomSeriesVolumes(DicomReader reader) {
        this.reader = reader;
    }

    @Override
    public Volume read(Path fileOrFolder, String group) throws IOException {
        List<Slice> slices = new ArrayList<>();
        for (Path file : files(fileOrFolder)) {
            slices.add(new Slice(file, reader.read(file)));
        }
        if (slices.isEmpty()) {
            throw new DatasetException(fileOrFolder, "contains no DICOM files (*.dcm)");
        }
        slices.sort(Comparator.comparingDouble(Slice::position)
                .thenComparingInt(slice -> slice.image().metadata().instanceNumber())
                .thenComparing(slice -> slice.file().getFileName().toString()));
        return stack(fileOrFolder, group, slices);
    }

    private static Volume stack(Path source, String group, List<Slice> slices) {
        DicomImage first = slices.get(0).image();
        int rows = first.rows();
        int columns = first.columns();
        int depth =
                slices.stream().mapToInt(slice -> slice.image().frameCount()).sum();
        float[] values = new float[Math.multiplyExact(depth, rows * columns)];
        int offset = 0;
        for (Slice slice : slices) {
            DicomImage image = slice.image();
            if (image.rows() != rows || image.columns() != columns) {
                throw new DatasetException(
                        slice.file(),
                        "has " + image.rows() + " x " + image.columns()
                                + " pixels, but the first slice of the series has " + rows + " x " + columns);
            }
            if (image.isColor()) {
                throw new DatasetException(
                        slice.file(),
                        "is a colour image (" + image.pixelFormat()
                                + "); the lesion benchmark reads greyscale CT and MR slices only");
            }
            for (int frame = 0; frame < image.frameCount(); frame++) {
                double[] modality = image.modalityValues(frame);
                for (int i = 0; i < modality.length; i++) {
                    values[offset++] = (float) modality[i];
                }
            }
        }
        String modality =
                first.metadata().modality().isEmpty() ? "MR" : first.metadata().modality();
        return new Volume(group, source.getFileName().toString(), modality, depth, rows, columns, values);
    }

    private static List<Path> files(Path fileOrFolder) throws IOException {
        if (!Files.isDirectory(fileOrFolder)) {
            return List.of(fileOrFolder);
        }
        try (Stream<Path> files = Files.list(fileOrFolder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName()
                            .toString()
                            .toLowerCase(java.util.Locale.ROOT)
                            .endsWith(".dcm"))
                    .sorted()
                    .toList();
        }
    }

    /** One file of a series with its position along the slice normal, or 0 when the file does not state it. */
    private record Slice(Path file, DicomImage image) {

        double position() {
            DicomMetadata metadata = image.metadata();
            double[] origin = metadata.imagePosition();
            double[] orientation = metadata.imageOrientation();
            if (origin.length != 3 || orientation.length != 6) {
                return 0;
            }
            double nx = orientation[1] * orientation[5] - orientation[2] * orientation[4];
            double ny = orientation[2] * orientation[3] - orientation[0] * orientation[5];
            double nz = orientation[0] * orientation[4] - orientation[1] * orientation[3];
            return origin[0] * nx + origin[1] * ny + origin[2] * nz;
        }
    }
}
