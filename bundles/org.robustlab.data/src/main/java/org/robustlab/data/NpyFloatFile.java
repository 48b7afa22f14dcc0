package org.robustlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A float32 array in NumPy's {@code .npy} format (version 1.0, little-endian, C order), written from a stream of
 * records and read back by record through memory maps, so datasets larger than the heap stay on disk.
 */
final class NpyFloatFile {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private static final long SEGMENT_BYTES = 1L << 30;

    private final int recordFloats;
    private final long dataOffset;
    private final List<MappedByteBuffer> segments = new ArrayList<>();
    private final int recordsPerSegment;

    private NpyFloatFile(Path file, int recordFloats) throws IOException {
        this.recordFloats = recordFloats;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer prefix = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(prefix, 0);
            this.dataOffset = 10 + Short.toUnsignedInt(prefix.getShort(8));
            long recordBytes = 4L * recordFloats;
            this.recordsPerSegment = (int) Math.max(1, SEGMENT_BYTES / recordBytes);
            long records = (channel.size() - dataOffset) / recordBytes;
            for (long first = 0; first < records; first += recordsPerSegment) {
                long length = Math.min(recordsPerSegment, records - first) * recordBytes;
                MappedByteBuffer segment =
                        channel.map(FileChannel.MapMode.READ_ONLY, dataOffset + first * recordBytes, length);
                segment.order(ByteOrder.LITTLE_ENDIAN);
                segments.add(segment);
            }
        }
    }

    /** Opens a file written by {@link #write} whose records have {@code recordFloats} values. */
    static NpyFloatFile open(Path file, int recordFloats) throws IOException {
        return new NpyFloatFile(file, recordFloats);
    }

    /** Returns one record. */
    float[] record(int index) {
        MappedByteBuffer segment = segments.get(index / recordsPerSegment);
        int offset = (index % recordsPerSegment) * recordFloats * 4;
        float[] values = new float[recordFloats];
        segment.slice(offset, recordFloats * 4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer()
                .get(values);
        return values;
    }

    /** Writes the header for {@code shape} and then the raw little-endian floats of {@code data}. */
    static void write(OutputStream out, long[] shape, Path data) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(shape[i]).append(i + 1 < shape.length || shape.length == 1 ? "," : "");
            if (i + 1 < shape.length) {
                dims.append(' ');
            }
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        out.write(MAGIC);
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        try (InputStream in = Files.newInputStream(data)) {
            in.transferTo(out);
        }
    }

    /** Appends floats to a raw little-endian data stream. */
    static void append(OutputStream out, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        out.write(buffer.array());
    }
}
