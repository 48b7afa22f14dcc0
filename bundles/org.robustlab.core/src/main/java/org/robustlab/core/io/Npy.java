package org.robustlab.core.io;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes single arrays in NumPy's {@code .npy} format (version 1.0), so that checkpoints, saliency
 * maps and tensors can be opened with NumPy or PyTorch. Writes little-endian C-order float32, float64 or int64;
 * reads those plus int32, uint8 and bool.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");

    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");

    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Writes {@code array} to {@code out} in {@code .npy} format. */
    public static void write(INDArray array, OutputStream out) throws IOException {
        DataType type = array.dataType();
        String descr =
                switch (type) {
                    case DOUBLE -> "<f8";
                    case LONG -> "<i8";
                    default -> "<f4";
                };
        INDArray data = type == DataType.DOUBLE || type == DataType.LONG ? array : array.castTo(DataType.FLOAT);
        writeHeader(out, descr, array.shape());
        ByteBuffer buffer = toBytes(data.dup('c'));
        out.write(buffer.array(), 0, buffer.limit());
    }

    /** Reads one array in {@code .npy} format from {@code in}. */
    public static INDArray read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[6];
        data.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("Not a .npy stream: the magic string is missing");
        }
        int major = data.readUnsignedByte();
        data.readUnsignedByte();
        int headerLength = major == 1
                ? Short.toUnsignedInt(Short.reverseBytes(data.readShort()))
                : Integer.reverseBytes(data.readInt());
        byte[] headerBytes = new byte[headerLength];
        data.readFully(headerBytes);
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        return readBody(data, header);
    }

    private static INDArray readBody(DataInputStream data, String header) throws IOException {
        String descr = group(DESCR, header, "descr");
        boolean fortran = "True".equals(group(FORTRAN, header, "fortran_order"));
        long[] shape = parseShape(group(SHAPE, header, "shape"));
        long length = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        int itemSize = Integer.parseInt(descr.substring(2));
        byte[] bytes = new byte[Math.toIntExact(Math.multiplyExact(length, itemSize))];
        data.readFully(bytes);
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(order);
        String kind = descr.substring(1);
        INDArray array = Nd4j.create(decode(kind, buffer, (int) length), shape, fortran ? 'f' : 'c');
        DataType type =
                switch (kind) {
                    case "f8" -> DataType.DOUBLE;
                    case "i8", "i4" -> DataType.LONG;
                    default -> DataType.FLOAT;
                };
        return array.castTo(type).dup('c');
    }

    private static double[] decode(String kind, ByteBuffer buffer, int length) throws IOException {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = switch (kind) {
                case "f4" -> buffer.getFloat();
                case "f8" -> buffer.getDouble();
                case "i8" -> buffer.getLong();
                case "i4" -> buffer.getInt();
                case "u1", "b1" -> Byte.toUnsignedInt(buffer.get());
                default -> throw new IOException("Unsupported .npy dtype '" + kind + "'");
            };
        }
        return values;
    }

    private static String group(Pattern pattern, String header, String key) throws IOException {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new IOException("Invalid .npy header, no '" + key + "': " + header.strip());
        }
        return matcher.group(1);
    }

    private static long[] parseShape(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(part -> !part.isEmpty())
                .mapToLong(Long::parseLong)
                .toArray();
    }

    private static void writeHeader(OutputStream out, String descr, long[] shape) throws IOException {
        StringBuilder shapeText = new StringBuilder();
        for (long dimension : shape) {
            shapeText.append(dimension).append(", ");
        }
        if (shape.length > 1) {
            shapeText.setLength(shapeText.length() - 2);
        } else if (shape.length == 1) {
            shapeText.setLength(shapeText.length() - 1);
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shapeText + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        prefix.write(MAGIC);
        prefix.write(1);
        prefix.write(0);
        prefix.write(header.length() & 0xff);
        prefix.write((header.length() >> 8) & 0xff);
        prefix.write(header.getBytes(StandardCharsets.ISO_8859_1));
        prefix.writeTo(out);
    }

    private static ByteBuffer toBytes(INDArray data) {
        int length = Math.toIntExact(data.length());
        DataType type = data.dataType();
        int itemSize = type == DataType.FLOAT ? 4 : 8;
        ByteBuffer buffer = ByteBuffer.allocate(length * itemSize).order(ByteOrder.LITTLE_ENDIAN);
        if (type == DataType.FLOAT) {
            for (float value : data.reshape(length).toFloatVector()) {
                buffer.putFloat(value);
            }
        } else if (type == DataType.DOUBLE) {
            for (double value : data.reshape(length).toDoubleVector()) {
                buffer.putDouble(value);
            }
        } else {
            for (long value : data.reshape(length).toLongVector()) {
                buffer.putLong(value);
            }
        }
        buffer.flip();
        return buffer;
    }
}
