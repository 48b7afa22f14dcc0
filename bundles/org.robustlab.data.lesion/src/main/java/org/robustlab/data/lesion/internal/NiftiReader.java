package org.robustlab.data.lesion.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.robustlab.core.data.DatasetException;

/**
 * Reads three-dimensional NIfTI-1 volumes ({@code .nii} or {@code .nii.gz}): the 348-byte header, then the voxels
 * from {@code vox_offset}, x fastest, scaled by {@code scl_slope} and {@code scl_inter} when the slope is not 0.
 * Byte order is detected from {@code sizeof_hdr}. Data types: uint8, int16, int32, float32, uint16.
 */
final class NiftiReader {

    private static final int HEADER_SIZE = 348;

    private static final long MAX_BYTES = 1L << 30;

    private NiftiReader() {}

    static Volume read(Path file, String group, String modality) throws IOException {
        byte[] bytes;
        try (InputStream in = file.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file), 1 << 16)
                : Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_BYTES);
        }
        if (bytes.length < HEADER_SIZE) {
            throw new DatasetException(file, "shorter than a NIfTI-1 header (" + bytes.length + " bytes)");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (header.getInt(0) != HEADER_SIZE) {
            header.order(ByteOrder.BIG_ENDIAN);
            if (header.getInt(0) != HEADER_SIZE) {
                throw new DatasetException(file, "not a NIfTI-1 file: sizeof_hdr is not 348 in either byte order");
            }
        }
        int dimensions = header.getShort(40);
        int width = header.getShort(42);
        int height = header.getShort(44);
        int depth = dimensions >= 3 ? header.getShort(46) : 1;
        if (dimensions < 2 || dimensions > 4 || dimensions == 4 && header.getShort(48) > 1) {
            throw new DatasetException(file, "has " + dimensions + " dimensions; only 2-D and 3-D volumes are read");
        }
        int datatype = header.getShort(70);
        int offset = (int) header.getFloat(108);
        float slope = header.getFloat(112);
        float intercept = header.getFloat(116);
        float[] values = voxels(file, bytes, header.order(), datatype, offset, width * height * depth);
        if (slope != 0 && Float.isFinite(slope)) {
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i] * slope + intercept;
            }
        }
        return new Volume(group, file.getFileName().toString(), modality, depth, height, width, values);
    }

    private static float[] voxels(Path file, byte[] bytes, ByteOrder order, int datatype, int offset, int count) {
        int size =
                switch (datatype) {
                    case 2 -> 1;
                    case 4, 512 -> 2;
                    case 8, 16 -> 4;
                    default ->
                        throw new DatasetException(
                                file,
                                "NIfTI data type " + datatype + " is not supported; supported"
                                        + " are 2 (uint8), 4 (int16), 8 (int32), 16 (float32) and 512 (uint16)");
                };
        if (offset < HEADER_SIZE || offset + (long) count * size > bytes.length) {
            throw new DatasetException(
                    file,
                    "voxel data at offset " + offset + " with " + count + " voxels of " + size
                            + " bytes does not fit in the file's " + bytes.length + " bytes");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, offset, count * size).order(order);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = switch (datatype) {
                case 2 -> data.get() & 0xFF;
                case 4 -> data.getShort();
                case 512 -> data.getShort() & 0xFFFF;
                case 8 -> data.getInt();
                default -> data.getFloat();
            };
        }
        return values;
    }
}
