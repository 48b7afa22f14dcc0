package org.robustlab.metrics.classification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The aSAH data of pROC; see asah.README in the test resources. */
final class AsahData {

    private AsahData() {}

    /** Returns the rows {outcome, s100b, wfns}. */
    static double[][] rows() throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = AsahData.class.getResourceAsStream("/asah.csv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split(",");
                rows.add(new double[] {
                    Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2])
                });
            }
        }
        return rows.toArray(double[][]::new);
    }

    static double[] column(double[][] rows, int index) {
        return java.util.Arrays.stream(rows).mapToDouble(row -> row[index]).toArray();
    }
}
