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
    void overlayOfZeroMapShowsGreyImage() {
        float[] grey = {0.5f, 0.5f, 0.5f, 0.5f};

        var image = SaliencyImages.overlay(grey, new float[4], 2, 2, 1);

        assertThat(image.getRGB(1, 1) & 0xFFFFFF).isEqualTo(128 << 16 | 128 << 8 | 128);
    }

    @Test
    void maskOutlineIsGreen() {
        float[] grey = new float[9];
        float[] mask = {0, 0, 0, 0, 1, 0, 0, 0, 0};

        var image = SaliencyImages.image(grey, mask, 3, 3, 1);

        assertThat(image.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0x00E676);
        assertThat(image.getRGB(0, 0) & 0xFFFFFF).isZero();
    }
}
