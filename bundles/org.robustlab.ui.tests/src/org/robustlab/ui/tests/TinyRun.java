package org.robustlab.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.robustlab.core.event.RunListener;
import org.robustlab.experiment.Experiment;
import org.robustlab.experiment.ExperimentRunner;
import org.robustlab.experiment.ReadOptions;
import org.robustlab.experiment.RunSummary;

/**
 * One real run of the bundled lesion benchmark in its quick profile, as {@code robustlab run --quick --engine
 * pytorch} does it:
 * trained and evaluated once per test JVM into a fresh run store, then shared by the tests that need a run.
 */
final class TinyRun {

    /** The engine of the run: the product's default, which the start script and the test configuration run offline. */
    static final String ENGINE = "pytorch";

    private static RunSummary summary;

    private static Throwable failed;

    private TinyRun() {}

    /** Returns the run, training it on first use. */
    static synchronized RunSummary get() throws IOException, InterruptedException {
        if (failed != null) {
            throw new AssertionError("The quick lesion benchmark run failed earlier", failed);
        }
        if (summary == null) {
            try {
                summary = train();
            } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
                failed = e;
                throw e;
            }
        }
        return summary;
    }

    private static RunSummary train() throws IOException, InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(TinyRun.class).getBundleContext();
        ServiceReference<ExperimentRunner> reference = context.getServiceReference(ExperimentRunner.class);
        assertThat(reference).as("the ExperimentRunner service of org.robustlab.experiment").isNotNull();
        ExperimentRunner runner = context.getService(reference);
        Bundle experiments = FrameworkUtil.getBundle(ExperimentRunner.class);
        String text;
        try (InputStream in = experiments.getEntry("experiments/lesion-benchmark.yaml").openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path store = Files.createTempDirectory("robustlab-ui-runs");
        Experiment experiment = runner.reader()
                .read(text, "lesion-benchmark.yaml", store, ReadOptions.none().withProfile("quick").withEngine(ENGINE));
        // The runner trains on a worker thread, as the workbench's run jobs do, not on the UI thread.
        RunSummary[] result = new RunSummary[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(() -> {
            try {
                result[0] = runner.run(experiment, text, store, new RunListener() {}, new NullProgressMonitor());
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "tiny-run");
        worker.start();
        Workbench.waitUntil("the quick lesion benchmark run", 900, () -> !worker.isAlive());
        if (failure[0] != null) {
            throw new AssertionError("The quick lesion benchmark run failed: " + failure[0], failure[0]);
        }
        assertThat(result[0].runFolder().resolve("artifacts/results/saliency.npz")).exists();
        return result[0];
    }
}
