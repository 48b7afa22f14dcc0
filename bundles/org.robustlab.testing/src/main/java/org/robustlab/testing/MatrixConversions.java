package org.robustlab.testing;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between ND4J arrays and Java arrays for the reference models. */
final class MatrixConversions {

    private MatrixConversions() {}

    /** Returns {@code array} as a [rows][columns] matrix in float64, after checking its shape. */
    static double[][] matrix(INDArray array, int rows, int columns, String name) {
        if (array.rank() != 2 || array.size(0) != rows || array.size(1) != columns) {
            throw new IllegalArgumentException(name + " must have shape [" + rows + ", " + columns + "], got "
                    + java.util.Arrays.toString(array.shape()));
        }
        double[] flat = array.castTo(DataType.DOUBLE)
                .dup('c')
                .reshape(rows * (long) columns)
                .toDoubleVector();
        double[][] result = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * columns, result[r], 0, columns);
        }
        return result;
    }

    /** Returns a float32 array of the given shape holding {@code rows} row by row. */
    static INDArray floats(double[][] rows, long... shape) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        float[] values = new float[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < columns; c++) {
                values[r * columns + c] = (float) rows[r][c];
            }
        }
        return Nd4j.create(values, shape, 'c');
    }

    /** Returns a float32 vector [N] of {@code values}. */
    static INDArray floats(double[] values) {
        float[] converted = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            converted[i] = (float) values[i];
        }
        return Nd4j.create(converted, new long[] {values.length}, 'c');
    }
}
