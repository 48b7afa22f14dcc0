package org.robustlab.integration.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.robustlab.core.event.RunListener;
import org.robustlab.experiment.Claim;
import org.robustlab.experiment.Experiment;
import org.robustlab.experiment.ExperimentRunner;
import org.robustlab.experiment.ReadOptions;
import org.robustlab.experiment.RunSummary;

/**
 * The main job end to end in a real Equinox runtime with every bundle of the product. The bundled experiments are
 * valid against the installed contributions. The quick profile of the default, the lesion benchmark on real CT and
 * MR slices, trains its three models and writes a report whose numbers are finite.
 */
class MainJobSmokeTest {

    private static ExperimentRunner runner;

    private static Bundle experiments;

    @BeforeAll
    static void findRunner() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(MainJobSmokeTest.class).getBundleContext();
        ServiceTracker<ExperimentRunner, ExperimentRunner> tracker =
                new ServiceTracker<>(context, ExperimentRunner.class, null);
        tracker.open();
        runner = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
        assertThat(runner).as("the ExperimentRunner service").isNotNull();
        experiments = FrameworkUtil.getBundle(runner.getClass());
    }

    @ParameterizedTest
    @CsvSource({"lesion-benchmark,", "lesion-benchmark,quick", "fashion-mnist,", "fashion-mnist,quick"})
    void bundledExperimentIsValid(String name, String profile, @TempDir Path folder) throws IOException {
        ReadOptions options =
                profile == null ? ReadOptions.none() : ReadOptions.none().withProfile(profile);

        Experiment experiment = runner.reader().read(bundled(name), name + ".yaml", folder, options);

        assertThat(experiment.models()).extracting(model -> model.name()).containsExactly("standard", "pgd", "dual-bn");
        assertThat(experiment.engine()).isEqualTo("pytorch");
    }

    @Test
    void quickDefaultWritesFiniteReport(@TempDir Path store) throws IOException {
        String text = bundled("lesion-benchmark");
        Experiment experiment = runner.reader()
                .read(text, "lesion-benchmark.yaml", store, ReadOptions.none().withProfile("quick"));

        RunSummary summary = runner.run(experiment, text, store, new RunListener() {}, new NullProgressMonitor());

        Path artifacts = summary.runFolder().resolve("artifacts");
        assertThat(summary.report()).isRegularFile();
        assertThat(Files.readString(summary.report()))
                .contains("<html")
                .contains("standard")
                .contains("dual-bn");
        assertThat(artifacts.resolve("saliency/grid.png")).isRegularFile();
        assertThat(artifacts.resolve("results/metrics.json")).isRegularFile();
        assertThat(cleanValues(artifacts.resolve("results/metrics.csv"), "auroc"))
                .hasSize(3)
                .allSatisfy(value -> assertThat(value).isFinite().isBetween(0.0, 1.0));
        assertThat(cleanValues(artifacts.resolve("results/metrics.csv"), "pointing-game"))
                .isNotEmpty()
                .allSatisfy(value -> assertThat(value).isFinite().isBetween(0.0, 1.0));
        assertThat(summary.claims()).extracting(Claim::verdict).doesNotContain(Claim.Verdict.NOT_MEASURED);
    }

    /** Returns the values of the rows of {@code metrics.csv} whose metric value is named {@code name}. */
    private static List<Double> cleanValues(Path csv, String name) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        int nameColumn = header.indexOf("name");
        int valueColumn = header.indexOf("value");
        int conditionColumn = header.indexOf("condition");
        List<Double> values = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            boolean scored = cells[conditionColumn].equals("clean") || cells[conditionColumn].equals("saliency");
            if (scored && cells[nameColumn].equals(name)) {
                values.add(Double.parseDouble(cells[valueColumn]));
            }
        }
        return values;
    }

    private static String bundled(String name) throws IOException {
        URL entry = experiments.getEntry("experiments/" + name + ".yaml");
        assertThat(entry).as("bundled experiment " + name).isNotNull();
        try (InputStream in = entry.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
