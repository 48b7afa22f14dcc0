package org.robustlab.ui.experiments;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.robustlab.core.event.TrainingProgress;

/**
 * The live training curves of a run: total loss, and clean and adversarial training accuracy, per model, over
 * fractional epochs ({@code epoch - 1 + batch / batches}).
 */
public final class LiveCurves {

    private final XYSeriesCollection losses = new XYSeriesCollection();

    private final XYSeriesCollection accuracies = new XYSeriesCollection();

    private final Map<String, XYSeries> series = new LinkedHashMap<>();

    private final JFreeChart lossChart = ChartFactory.createXYLineChart(
            "Training loss", "epoch", "loss", losses, PlotOrientation.VERTICAL, true, false, false);

    private final JFreeChart accuracyChart = ChartFactory.createXYLineChart(
            "Training accuracy", "epoch", "accuracy", accuracies, PlotOrientation.VERTICAL, true, false, false);

    /** Adds the points of one progress event. */
    public void add(TrainingProgress progress) {
        double x = progress.epoch() - 1 + progress.batch() / (double) Math.max(1, progress.batches());
        Double total = progress.losses()
                .getOrDefault(
                        "total", progress.losses().values().stream().findFirst().orElse(Double.NaN));
        add(losses, progress.model() + " loss", x, total);
        add(accuracies, progress.model() + " clean", x, progress.cleanAccuracy());
        add(accuracies, progress.model() + " adversarial", x, progress.adversarialAccuracy());
    }

    /** Returns the loss chart. */
    public JFreeChart lossChart() {
        return lossChart;
    }

    /** Returns the accuracy chart. */
    public JFreeChart accuracyChart() {
        return accuracyChart;
    }

    /** Returns the number of points of a series, for example {@code "standard loss"}; 0 when it has none. */
    public int points(String name) {
        XYSeries found = series.get(name);
        return found == null ? 0 : found.getItemCount();
    }

    /** Removes every point. */
    public void clear() {
        losses.removeAllSeries();
        accuracies.removeAllSeries();
        series.clear();
    }

    private void add(XYSeriesCollection collection, String name, double x, double y) {
        if (!Double.isFinite(y)) {
            return;
        }
        XYSeries target = series.computeIfAbsent(name, key -> {
            XYSeries created = new XYSeries(key, false, true);
            collection.addSeries(created);
            return created;
        });
        target.add(x, y);
    }
}
