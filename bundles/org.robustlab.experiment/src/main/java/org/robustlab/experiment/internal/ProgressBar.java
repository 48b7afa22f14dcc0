package org.robustlab.experiment.internal;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.robustlab.core.event.RunEvent;
import org.robustlab.core.event.RunListener;
import org.robustlab.core.event.TrainingProgress;

/**
 * Shows a run's progress on standard error, from typed run events. On a terminal one line is redrawn after every
 * batch: model, epoch, a bar, losses, accuracies, throughput and the estimated time left for the model. Elsewhere
 * (a log file, CI) one line is printed per epoch and per phase.
 */
final class ProgressBar implements RunListener {

    private static final int BAR_WIDTH = 24;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final PrintStream out;

    private final boolean interactive;

    private final LongSupplier clock;

    private String currentModel = "";

    private long modelStart;

    private int lastLineLength;

    ProgressBar(PrintStream out, boolean interactive, LongSupplier nanoClock) {
        this.out = out;
        this.interactive = interactive;
        this.clock = nanoClock;
    }

    @Override
    public synchronized void trainingProgress(TrainingProgress progress) {
        if (!progress.model().equals(currentModel)) {
            currentModel = progress.model();
            modelStart = clock.getAsLong();
        }
        if (interactive) {
            redraw(describe(progress));
        } else if (progress.endOfEpoch()) {
            out.println(describe(progress));
        }
    }

    @Override
    public synchronized void runEvent(RunEvent event) {
        endLine();
        String percent = Double.isNaN(event.fraction())
                ? ""
                : String.format(Locale.ROOT, " [%3.0f%% of the run]", 100 * event.fraction());
        String prefix =
                switch (event.kind()) {
                    case STARTED -> "Run " + event.runId() + " started: ";
                    case PHASE_STARTED -> "==> ";
                    case PHASE_FINISHED -> "    done: ";
                    case FINISHED -> "Run finished: ";
                    case FAILED -> "Run failed: ";
                };
        out.println(prefix + event.message() + percent);
        if (event.kind() == RunEvent.Kind.PHASE_STARTED) {
            currentModel = "";
        }
    }

    /** Returns the progress line of one training event, without a line break. */
    String describe(TrainingProgress progress) {
        double fraction = modelFraction(progress);
        StringBuilder line = new StringBuilder();
        line.append(String.format(
                Locale.ROOT,
                "%s epoch %d/%d %s %3.0f%%",
                progress.model(),
                progress.epoch(),
                progress.epochs(),
                bar(fraction),
                100 * fraction));
        progress.losses().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(loss -> line.append(String.format(Locale.ROOT, " %s %.4f", loss.getKey(), loss.getValue())));
        appendIfFinite(line, " acc %.3f", progress.cleanAccuracy());
        appendIfFinite(line, " adv-acc %.3f", progress.adversarialAccuracy());
        appendIfFinite(line, " val-loss %.4f", progress.validationLoss());
        appendIfFinite(line, " %.1f img/s", progress.imagesPerSecond());
        line.append(" ETA ").append(eta(fraction));
        return line.toString();
    }

    private static double modelFraction(TrainingProgress progress) {
        double total = (double) progress.epochs() * Math.max(1, progress.batches());
        double done = (double) (progress.epoch() - 1) * Math.max(1, progress.batches()) + progress.batch();
        return total <= 0 ? 0 : Math.min(1, Math.max(0, done / total));
    }

    private String eta(double fraction) {
        double elapsed = (clock.getAsLong() - modelStart) / (double) NANOS_PER_SECOND;
        if (fraction <= 0 || elapsed <= 0) {
            return "--";
        }
        return duration(elapsed / fraction * (1 - fraction));
    }

    /** Formats seconds as {@code 1h 02m}, {@code 3m 07s} or {@code 12s}. */
    static String duration(double seconds) {
        long whole = Math.round(seconds);
        if (whole >= 3600) {
            return String.format(Locale.ROOT, "%dh %02dm", whole / 3600, whole % 3600 / 60);
        }
        if (whole >= 60) {
            return String.format(Locale.ROOT, "%dm %02ds", whole / 60, whole % 60);
        }
        return whole + "s";
    }

    private static String bar(double fraction) {
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
    }

    private static void appendIfFinite(StringBuilder line, String format, double value) {
        if (Double.isFinite(value)) {
            line.append(String.format(Locale.ROOT, format, value));
        }
    }

    private void redraw(String line) {
        String padding = " ".repeat(Math.max(0, lastLineLength - line.length()));
        out.print("\r" + line + padding);
        out.flush();
        lastLineLength = line.length();
    }

    private void endLine() {
        if (interactive && lastLineLength > 0) {
            out.println();
            lastLineLength = 0;
        }
    }
}
