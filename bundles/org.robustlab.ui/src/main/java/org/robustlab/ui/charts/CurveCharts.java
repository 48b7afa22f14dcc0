package org.robustlab.ui.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Builds JFreeChart line charts from named series of {x, y} points, as metric results carry them. */
public final class CurveCharts {

    private CurveCharts() {}

    /**
     * Returns a line chart with one series per entry of {@code curves}.
     *
     * @param diagonal whether to draw the chance line y = x, as for ROC curves
     * @param shapes whether to mark the points, as for a sweep over few epsilons
     */
    public static JFreeChart lines(
            String title,
            String xLabel,
            String yLabel,
            Map<String, List<double[]>> curves,
            boolean diagonal,
            boolean shapes) {
        XYSeriesCollection data = new XYSeriesCollection();
        curves.forEach((name, points) -> {
            XYSeries series = new XYSeries(name, false, true);
            points.forEach(point -> series.add(point[0], point[1]));
            data.addSeries(series);
        });
        if (diagonal) {
            XYSeries chance = new XYSeries("chance", false, true);
            chance.add(0, 0);
            chance.add(1, 1);
            data.addSeries(chance);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        if (diagonal) {
            int last = data.getSeriesCount() - 1;
            renderer.setSeriesPaint(last, Color.GRAY);
            renderer.setSeriesStroke(
                    last,
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        }
        plot.setRenderer(renderer);
        return chart;
    }
}
