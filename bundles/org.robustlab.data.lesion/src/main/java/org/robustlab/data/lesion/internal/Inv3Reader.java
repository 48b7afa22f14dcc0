package org.robustlab.data.lesion.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.robustlab.core.data.DatasetException;

/**
 * Reads the image volume of an InVesalius 3 project ({@code .inv3}): a gzip-compressed tar archive whose
 * {@code main.plist} names the raw volume file, its NumPy data type and its shape (slices, rows, columns), stored
 * in the writer's byte order, little-endian on the x86 machines InVesalius runs on.
 */
final class Inv3Reader {

    private static final Pattern MATRIX = Pattern.compile("<key>matrix</key>\\s*<dict>(.*?)</dict>", Pattern.DOTALL);

    private static final Pattern SHAPE =
            Pattern.compile("<key>shape</key>\\s*<array>\\s*<integer>(\\d+)</integer>\\s*<integer>(\\d+)</integer>\\s*"
                    + "<integer>(\\d+)</integer>\\s*</array>");

    private static final Pattern DTYPE = Pattern.compile("<key>dtype</key>\\s*<string>([^<]+)</string>");

    private static final Pattern FILENAME = Pattern.compile("<key>filename</key>\\s*<string>([^<]+)</string>");

    private Inv3Reader() {}

    static Volume read(Path file, String group, String modality) throws IOException {
        Map<String, byte[]> entries = TarArchive.read(
                file, name -> name.endsWith("main.plist") || name.endsWith(".dat") && !name.contains("mask"));
        String plist = entries.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("main.plist"))
                .map(entry -> new String(entry.getValue(), StandardCharsets.UTF_8))
                .findFirst()
                .orElseThrow(() -> new DatasetException(
                        file, "no main.plist in the archive; is it an InVesalius" + " 3 project?"));
        Matcher matrix = MATRIX.matcher(plist);
        if (!matrix.find()) {
            throw new DatasetException(file, "main.plist has no 'matrix' entry");
        }
        String dtype = group(file, DTYPE, matrix.group(1), "dtype");
        String dataFile = group(file, FILENAME, matrix.group(1), "filename");
        Matcher shape = SHAPE.matcher(matrix.group(1));
        if (!shape.find()) {
            throw new DatasetException(file, "main.plist has no three-dimensional 'shape' for its matrix");
        }
        int depth = Integer.parseInt(shape.group(1));
        int height = Integer.parseInt(shape.group(2));
        int width = Integer.parseInt(shape.group(3));
        byte[] data = entries.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("/" + dataFile)
                        || entry.getKey().equals(dataFile))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new DatasetException(file, "the archive has no " + dataFile));
        if (!dtype.equals("int16")) {
            throw new DatasetException(file, "matrix data type " + dtype + " is not supported; expected int16");
        }
        long expected = 2L * depth * height * width;
        if (data.length != expected) {
            throw new DatasetException(
                    file,
                    dataFile + " has " + data.length + " bytes, but its shape " + depth + " x " + height + " x " + width
                            + " of int16 needs " + expected);
        }
        float[] values = new float[depth * height * width];
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.getShort();
        }
        return new Volume(group, file.getFileName().toString(), modality, depth, height, width, values);
    }

    private static String group(Path file, Pattern pattern, String text, String key) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new DatasetException(file, "main.plist has no '" + key + "' for its matrix");
        }
        return matcher.group(1).trim();
    }
}
