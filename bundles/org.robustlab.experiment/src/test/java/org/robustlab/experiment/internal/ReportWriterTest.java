package org.robustlab.experiment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.robustlab.experiment.report.Html;
import org.robustlab.experiment.report.SaliencyImages;
import org.robustlab.experiment.report.SvgChart;

class ReportWriterTest {

    @Test
    void htmlEscapesMarkup() {
        assertThat(Html.escape("<a href='x'>&\"")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
    }

    @Test
    void chartIsInlineSvgWithLegend() {
        String svg = SvgChart.lines(
                "AUROC under pgd",
                "epsilon",
                "auroc",
                List.of(new SvgChart.Series(
                        "standard",
                        new double[] {0, 0.002},
                        new double[] {0.9, 0.5},
                        new double[] {0.85, 0.4},
                        new double[] {0.95, 0.6})));

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        assertThat(svg).contains("<polyline").contains("<polygon").contains(">standard</text>");
        assertThat(svg).doesNotContain("NaN");
    }

    @Test
    void displayValuesFollowHanPostprocessing() {
        float[] map = new float[100];
        map[0] = -1000;
        for (int i = 1; i < 100; i++) {
            map[i] = i % 2;
        }

        double[] display = SaliencyImages.displayValues(map);

        assertThat(display[0]).isEqualTo(1.0);
        assertThat(display[2]).isEqualTo(0.0);
        assertThat(display[1]).isLessThan(0.2).isGreaterThan(0);
    }

    @Test
    void zeroMapStaysZero() {
        assertThat(SaliencyImages.displayValues(new float[16])).containsOnly(0.0);
    }
}
