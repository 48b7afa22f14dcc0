package org.robustlab.data.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.robustlab.core.data.DatasetException;

/**
 * An IDX file of unsigned bytes (the MNIST format): a magic number {@code 0x0000 08 <dimensions>}, the big-endian
 * size of each dimension, then the values. Files ending in {@code .gz} are decompressed on the fly.
 *
 * @param dimensions the size of each dimension
 * @param values the values, row-major
 */
record IdxFile(int[] dimensions, byte[] values) {

    /** Reads at most {@code limit} items (first dimension), all when {@code limit} is 0. */
    static IdxFile read(Path file, int expectedDimensions, int limit) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
                DataInputStream in = new DataInputStream(
                        file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw)) {
            int magic = in.readInt();
            if ((magic >>> 8) != 0x08 || (magic & 0xff) != expectedDimensions) {
                throw new DatasetException(
                        file,
                        String.format(
                                "not an IDX file of unsigned bytes with %d dimensions:"
                                        + " magic number 0x%08x, expected 0x%08x",
                                expectedDimensions, magic, 0x0800 | expectedDimensions));
            }
            int[] dimensions = new int[expectedDimensions];
            long items = 1;
            for (int i = 0; i < expectedDimensions; i++) {
                dimensions[i] = in.readInt();
                if (dimensions[i] <= 0) {
                    throw new DatasetException(file, "dimension " + i + " has invalid size " + dimensions[i]);
                }
                items *= i == 0 && limit > 0 ? Math.min(limit, dimensions[0]) : dimensions[i];
            }
            if (limit > 0) {
                dimensions[0] = Math.min(limit, dimensions[0]);
            }
            if (items > Integer.MAX_VALUE - 8) {
                throw new DatasetException(
                        file, "the file declares " + items + " values, more than a Java array can contain");
            }
            byte[] values = new byte[(int) items];
            in.readFully(values);
            return new IdxFile(dimensions, values);
        } catch (java.io.EOFException e) {
            throw new DatasetException(file, "the IDX file is truncated: it ends before the declared size", e);
        }
    }
}
