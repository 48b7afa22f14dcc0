package org.robustlab.experiment.report;

import java.util.List;
import java.util.Locale;

/**
 * Line charts as inline SVG, so that a report needs no script or external file. Each series may carry a band
 * (for example a 95% confidence interval), drawn translucent behind its line. Colours are the Okabe-Ito palette,
 * which stays distinguishable with the common colour-vision deficiencies.
 */
public final class SvgChart {

    private static final String[] COLOURS = {
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"
    };

    private static final int WIDTH = 560;

    private static final int HEIGHT = 320;

    private static final int LEFT = 60;

    private static final int RIGHT = 150;

    private static final int TOP = 30;

    private static final int BOTTOM = 45;

    /**
     * One line of a chart.
     *
     * @param name the legend entry
     * @param x the x values, ascending
     * @param y the y values; NaN leaves a gap
     * @param lower the lower band edge per point, or {@code null} for no band
     * @param upper the upper band edge per point, or {@code null}
     */
    public record Series(String name, double[] x, double[] y, double[] lower, double[] upper) {}

    private SvgChart() {}

    /** Returns an SVG line chart with axes, ticks and a legend. */
    public static String lines(String title, String xLabel, String yLabel, List<Series> series) {
        double[] xRange = range(series, true);
        double[] yRange = range(series, false);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " role=\"img\" aria-label=\"%s\">\n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT,
                Html.escape(title)));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s</text>\n",
                LEFT,
                Html.escape(title)));
        axes(svg, xRange, yRange, xLabel, yLabel);
        for (int s = 0; s < series.size(); s++) {
            plot(svg, series.get(s), COLOURS[s % COLOURS.length], xRange, yRange);
            legend(svg, series.get(s).name(), COLOURS[s % COLOURS.length], s);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void axes(StringBuilder svg, double[] xRange, double[] yRange, String xLabel, String yLabel) {
        int plotRight = WIDTH - RIGHT;
        int plotBottom = HEIGHT - BOTTOM;
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>\n",
                LEFT,
                TOP,
                plotRight - LEFT,
                plotBottom - TOP));
        for (int i = 0; i <= 4; i++) {
            double xValue = xRange[0] + (xRange[1] - xRange[0]) * i / 4;
            double yValue = yRange[0] + (yRange[1] - yRange[0]) * i / 4;
            double px = sx(xValue, xRange);
            double py = sy(yValue, yRange);
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>\n",
                    px,
                    plotBottom + 15,
                    tick(xValue)));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>\n",
                    LEFT - 5,
                    py + 4,
                    tick(yValue)));
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
                    LEFT,
                    plotRight,
                    py,
                    py));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>\n",
                (LEFT + plotRight) / 2,
                HEIGHT - 8,
                Html.escape(xLabel)));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"14\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s"
                        + "</text>\n",
                (TOP + plotBottom) / 2,
                (TOP + plotBottom) / 2,
                Html.escape(yLabel)));
    }

    private static void plot(StringBuilder svg, Series series, String colour, double[] xRange, double[] yRange) {
        if (series.lower() != null && series.upper() != null) {
            StringBuilder band = new StringBuilder();
            for (int i = 0; i < series.x().length; i++) {
                appendPoint(band, series.x()[i], series.upper()[i], xRange, yRange);
            }
            for (int i = series.x().length - 1; i >= 0; i--) {
                appendPoint(band, series.x()[i], series.lower()[i], xRange, yRange);
            }
            svg.append("<polygon points=\"")
                    .append(band.toString().trim())
                    .append("\" fill=\"")
                    .append(colour)
                    .append("\" fill-opacity=\"0.15\" stroke=\"none\"/>\n");
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < series.x().length; i++) {
            appendPoint(line, series.x()[i], series.y()[i], xRange, yRange);
            if (Double.isFinite(series.y()[i])) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n",
                        sx(series.x()[i], xRange),
                        sy(series.y()[i], yRange),
                        colour));
            }
        }
        svg.append("<polyline points=\"")
                .append(line.toString().trim())
                .append("\" fill=\"none\" stroke=\"")
                .append(colour)
                .append("\" stroke-width=\"2\"/>\n");
    }

    private static void appendPoint(StringBuilder points, double x, double y, double[] xRange, double[] yRange) {
        if (Double.isFinite(x) && Double.isFinite(y)) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx(x, xRange), sy(y, yRange)));
        }
    }

    private static void legend(StringBuilder svg, String name, String colour, int index) {
        int x = WIDTH - RIGHT + 12;
        int y = TOP + 12 + 18 * index;
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>\n",
                x,
                x + 18,
                y,
                y,
                colour,
                x + 24,
                y + 4,
                Html.escape(name)));
    }

    private static double sx(double x, double[] range) {
        return LEFT + (x - range[0]) / (range[1] - range[0]) * (WIDTH - RIGHT - LEFT);
    }

    private static double sy(double y, double[] range) {
        return HEIGHT - BOTTOM - (y - range[0]) / (range[1] - range[0]) * (HEIGHT - BOTTOM - TOP);
    }

    private static double[] range(List<Series> series, boolean horizontal) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double[] values : horizontal ? new double[][] {s.x()} : new double[][] {s.y(), s.lower(), s.upper()}) {
                if (values == null) {
                    continue;
                }
                for (double value : values) {
                    if (Double.isFinite(value)) {
                        min = Math.min(min, value);
                        max = Math.max(max, value);
                    }
                }
            }
        }
        if (!Double.isFinite(min)) {
            return new double[] {0, 1};
        }
        if (max - min < 1e-12) {
            return new double[] {min - 0.5, max + 0.5};
        }
        double margin = horizontal ? 0 : 0.05 * (max - min);
        return new double[] {min - margin, max + margin};
    }

    private static String tick(double value) {
        return String.format(Locale.ROOT, Math.abs(value) < 0.01 && value != 0 ? "%.1e" : "%.3g", value);
    }
}
