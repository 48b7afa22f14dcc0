package org.robustlab.metrics.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AurocTest {

    /** Columns outcome, s100b, wfns of the aSAH data; see asah.README next to the file. */
    private static double[][] asah() throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = AurocTest.class.getResourceAsStream("/asah.csv");
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

    private static double[] column(double[][] rows, int index) {
        return java.util.Arrays.stream(rows).mapToDouble(row -> row[index]).toArray();
    }

    private static boolean[] outcome(double[][] rows) {
        boolean[] positive = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            positive[i] = rows[i][0] == 1;
        }
        return positive;
    }

    @Test
    void tiedScoresGiveMannWhitneyStatistic() {
        double[] scores = {0.9, 0.5, 0.5, 0.1, 0.5, 0.1};
        boolean[] positive = {true, true, false, false, false, true};

        // Pairs (positive, negative): 0.9 beats all 3; 0.5 ties 0.5 twice and beats 0.1 (1 + 2 x 0.5 = 2);
        // 0.1 ties 0.1 once (0.5). U = 3 + 2 + 0.5 = 5.5 of 9 pairs.
        assertThat(Auroc.of(scores, positive).auroc()).isCloseTo(5.5 / 9, within(1e-15));
    }

    @Test
    void constantScoresGiveOneHalf() {
        assertThat(Auroc.of(new double[] {2, 2, 2, 2}, new boolean[] {true, false, true, false})
                        .auroc())
                .isEqualTo(0.5);
    }

    @Test
    void aurocsMatchPRocOnAsah() throws IOException {
        double[][] rows = asah();

        Auroc s100b = Auroc.of(column(rows, 1), outcome(rows));
        Auroc wfns = Auroc.of(column(rows, 2), outcome(rows));

        assertThat(rows).hasNumberOfRows(113);
        assertThat(s100b.auroc()).isCloseTo(0.731368563685637, within(1e-12));
        assertThat(wfns.auroc()).isCloseTo(0.823678861788618, within(1e-12));
    }

    @Test
    void deLongVarianceAndCovarianceMatchPRoc() throws IOException {
        double[][] rows = asah();

        Auroc s100b = Auroc.of(column(rows, 1), outcome(rows));
        Auroc wfns = Auroc.of(column(rows, 2), outcome(rows));

        assertThat(s100b.variance()).isCloseTo(0.00266868245717244, within(1e-14));
        assertThat(wfns.variance()).isCloseTo(0.00146991470882363, within(1e-14));
        assertThat(s100b.covariance(wfns)).isCloseTo(0.00119615567376754, within(1e-14));
    }

    @Test
    void pairedDeLongTestMatchesPRoc() throws IOException {
        double[][] rows = asah();

        DeLongComparison test = DeLongComparison.compare(
                Auroc.of(column(rows, 1), outcome(rows)), Auroc.of(column(rows, 2), outcome(rows)));

        assertThat(test.z()).isCloseTo(-2.20898359144091, within(1e-10));
        assertThat(test.pValue()).isCloseTo(0.0271757822291882, within(1e-10));
    }

    @Test
    void singleClassIsRejected() {
        assertThatThrownBy(() -> Auroc.of(new double[] {0.1, 0.2}, new boolean[] {true, true}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 and 0");
    }

    @Test
    void identicalModelsHavePValueOne() {
        Auroc auroc = Auroc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true});

        assertThat(DeLongComparison.compare(auroc, auroc).pValue()).isEqualTo(1);
    }
}
