package org.robustlab.core.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads and writes named arrays in NumPy's {@code .npz} format: a zip archive with one {@code .npy} entry per
 * array, readable with {@code numpy.load}.
 */
public final class Npz {

    private Npz() {}

    /** Writes the arrays to {@code out}, in the map's order, without compression. */
    public static void write(Map<String, INDArray> arrays, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out));
        for (Map.Entry<String, INDArray> entry : arrays.entrySet()) {
            zip.putNextEntry(new ZipEntry(entry.getKey() + ".npy"));
            Npy.write(entry.getValue(), zip);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    /** Reads every array of an {@code .npz} stream, in archive order. */
    public static Map<String, INDArray> read(InputStream in) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        ZipInputStream zip = new ZipInputStream(new BufferedInputStream(in));
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            String name = entry.getName();
            if (!name.endsWith(".npy")) {
                throw new IOException("Unexpected entry '" + name + "' in .npz archive");
            }
            arrays.put(name.substring(0, name.length() - 4), Npy.read(zip));
        }
        return arrays;
    }

    /** Reads every array of an {@code .npz} file. */
    public static Map<String, INDArray> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }
}
