package org.robustlab.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpzTest {

    @Test
    void headerFollowsNumpyFormatSpecification() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}), out);
        byte[] bytes = out.toByteArray();

        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertThat((10 + headerLength) % 64).isZero();
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
        assertThat(header).endsWith("\n");
        assertThat(bytes.length).isEqualTo(10 + headerLength + 6 * 4);
    }

    @Test
    void oneDimensionalShapeHasTrailingComma() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(Nd4j.createFromArray(1f, 2f), out);

        assertThat(out.toString(StandardCharsets.ISO_8859_1)).contains("'shape': (2,)");
    }

    @Test
    void roundTripKeepsValuesTypesAndOrder() throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("conv.weight", Nd4j.rand(DataType.FLOAT, 4, 3, 3, 3));
        arrays.put("step", Nd4j.createFromArray(7L));
        arrays.put("stats", Nd4j.createFromArray(0.25, -1e-300));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Npz.write(arrays, out);
        Map<String, INDArray> read = Npz.read(new ByteArrayInputStream(out.toByteArray()));

        assertThat(read.keySet()).containsExactly("conv.weight", "step", "stats");
        assertThat(read.get("conv.weight")).isEqualTo(arrays.get("conv.weight"));
        assertThat(read.get("step").dataType()).isEqualTo(DataType.LONG);
        assertThat(read.get("stats").getDouble(1)).isEqualTo(-1e-300);
    }
}
