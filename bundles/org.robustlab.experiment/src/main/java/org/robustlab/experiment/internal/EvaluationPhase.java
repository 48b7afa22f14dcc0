package org.robustlab.experiment.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.attack.AttackGenerator;
import org.robustlab.core.data.Box;
import org.robustlab.core.event.RunEvent;
import org.robustlab.core.model.Branch;
import org.robustlab.experiment.AttackSweep;
import org.robustlab.experiment.ContributionChoice;
import org.robustlab.experiment.EvaluationSettings;

/**
 * Evaluates the trained models: scores on the clean test images, scores under every attack budget, saliency maps
 * of the saliency cases, and the metrics on all of them. Each step saves its arrays under {@code results/} and is
 * recorded in the run state, so a resumed run repeats only the steps that had not finished.
 */
final class EvaluationPhase {

    private final RunSession session;

    private final LoadedData data;

    private final TrainedModels models;

    private final EvaluationStore store;

    EvaluationPhase(RunSession session, LoadedData data, TrainedModels models) {
        this.session = session;
        this.data = data;
        this.models = models;
        this.store = new EvaluationStore(session.run().artifacts().resolve("results"));
    }

    EvaluationResults evaluate() throws IOException {
        INDArray images = data.test().images();
        INDArray labels = data.test().labels();
        Map<String, INDArray> clean = step(
                "scores",
                "score the clean test images",
                0.0,
                () -> cleanScores(images),
                store::writeScores,
                store::readScores);
        List<EvaluationResults.RobustPoint> robust = step(
                "robustness",
                "attack the test images",
                0.2,
                () -> robustness(images, labels),
                store::writeRobustness,
                store::readRobustness);
        EvaluationResults.SaliencySet saliency =
                session.experiment().evaluation().saliency().isEmpty()
                        ? null
                        : step(
                                "saliency",
                                "compute saliency maps",
                                0.6,
                                this::saliency,
                                store::writeSaliency,
                                store::readSaliency);
        EvaluationData.Context context = context();
        EvaluationData cleanSet = new EvaluationData(
                context,
                images,
                labels,
                clean,
                Map.of(),
                null,
                data.test().masks().orElse(null),
                boxes(data.test()));
        EvaluationData saliencySet = saliency == null ? null : saliencyData(context, saliency);
        List<MetricRunner.AttackedSet> attacked = new ArrayList<>();
        for (EvaluationResults.RobustPoint point : robust) {
            attacked.add(
                    new MetricRunner.AttackedSet(point.attack(), point.epsilon(), cleanSet.withScores(point.scores())));
        }
        List<MetricRecord> metrics = step(
                "metrics",
                "compute metrics",
                0.8,
                () -> new MetricRunner(session).run(cleanSet, saliencySet, attacked),
                store::writeMetrics,
                store::readMetrics);
        return new EvaluationResults(labels, clean, robust, saliency, metrics);
    }

    /**
     * Runs the given metrics on the trained models and saves nothing in the run: scores on the clean test images
     * are computed again, scores under attack come from the run's results when they are complete, and saliency
     * metrics read {@code saliency}; when it is {@code null} they read the run's saved maps, or maps of the
     * experiment's saliency methods computed now when none were saved.
     */
    List<MetricRecord> metrics(List<ContributionChoice> choices, EvaluationResults.SaliencySet saliency)
            throws IOException {
        INDArray images = data.test().images();
        EvaluationData.Context context = context();
        EvaluationData cleanSet = new EvaluationData(
                context,
                images,
                data.test().labels(),
                cleanScores(images),
                Map.of(),
                null,
                data.test().masks().orElse(null),
                boxes(data.test()));
        EvaluationResults.SaliencySet maps = saliency;
        if (maps == null) {
            maps = store.isComplete("saliency") ? store.readSaliency() : saliency();
        }
        EvaluationData saliencySet = maps == null ? null : saliencyData(context, maps);
        List<MetricRunner.AttackedSet> attacked = new ArrayList<>();
        if (store.isComplete("robustness")) {
            for (EvaluationResults.RobustPoint point : store.readRobustness()) {
                if (point.scores().keySet().containsAll(models.models().keySet())) {
                    attacked.add(new MetricRunner.AttackedSet(
                            point.attack(), point.epsilon(), cleanSet.withScores(point.scores())));
                }
            }
        }
        MetricRunner runner = new MetricRunner(session);
        List<MetricRecord> records = new ArrayList<>();
        for (int k = 0; k < choices.size(); k++) {
            ContributionChoice choice = choices.get(k);
            session.event(
                    RunEvent.Kind.PHASE_STARTED,
                    String.format(Locale.ROOT, "metric %d/%d '%s'", k + 1, choices.size(), choice.id()),
                    Double.NaN);
            records.addAll(runner.run(List.of(choice), cleanSet, saliencySet, attacked));
        }
        return records;
    }

    /** Computes the maps of the given methods on the run's saliency cases, or returns {@code null} for none. */
    EvaluationResults.SaliencySet saliency(List<ContributionChoice> methods) {
        if (methods.isEmpty()) {
            return null;
        }
        SaliencyStep step = new SaliencyStep(session);
        List<Integer> positions = step.chooseCases(data.test());
        SplitData cases = data.test().subset(positions);
        INDArray targets = SaliencyStep.targets(cases.labels(), data.head());
        Branch dualBranch = session.experiment().evaluation().settings().saliencyBranch();
        Map<String, Map<String, INDArray>> maps = new LinkedHashMap<>();
        models.models().forEach((name, model) -> {
            Map<String, INDArray> byMethod = new LinkedHashMap<>();
            for (ContributionChoice method : methods) {
                byMethod.put(
                        method.id(),
                        step.explain(model, models.branch(name, dualBranch), cases.images(), targets, method)
                                .maps());
            }
            maps.put(name, byMethod);
        });
        return new EvaluationResults.SaliencySet(
                positions, cases.images(), cases.masks().orElse(null), targets, maps);
    }

    private Map<String, INDArray> cleanScores(INDArray images) {
        Predictions predictions = predictions();
        Map<String, INDArray> scores = new LinkedHashMap<>();
        models.models().forEach((name, model) -> scores.put(name, predictions.scores(model, images, Branch.CLEAN)));
        return scores;
    }

    private List<EvaluationResults.RobustPoint> robustness(INDArray images, INDArray labels) {
        Predictions predictions = predictions();
        EvaluationData labelled =
                new EvaluationData(context(), images, labels, Map.of(), Map.of(), null, null, List.of());
        INDArray knownLabels = labelled.labels();
        INDArray mask = labelled.labelMask().orElse(null);
        List<EvaluationResults.RobustPoint> points = new ArrayList<>();
        List<AttackSweep> sweeps = session.experiment().evaluation().attacks();
        for (int s = 0; s < sweeps.size(); s++) {
            AttackSweep sweep = sweeps.get(s);
            @SuppressWarnings("unchecked")
            AttackGenerator<Record> attack = (AttackGenerator<Record>)
                    session.catalog().attacks().get(sweep.attack().id());
            for (double epsilon : sweep.epsilons()) {
                Record parameters = sweep.parametersAt(epsilon);
                Map<String, INDArray> scores = new LinkedHashMap<>();
                models.models()
                        .forEach((name, model) -> scores.put(
                                name,
                                predictions.attackedScores(
                                        model,
                                        models.branch(name, sweep.dualBranch()),
                                        attack,
                                        parameters,
                                        epsilon,
                                        images,
                                        knownLabels,
                                        mask)));
                points.add(
                        new EvaluationResults.RobustPoint(s, sweep.attack().id(), epsilon, sweep.dualBranch(), scores));
            }
        }
        return points;
    }

    private EvaluationResults.SaliencySet saliency() {
        return saliency(session.experiment().evaluation().saliency());
    }

    private EvaluationData saliencyData(EvaluationData.Context context, EvaluationResults.SaliencySet saliency) {
        SplitData cases = data.test().subset(saliency.positions());
        Map<String, INDArray> scores = new LinkedHashMap<>();
        Predictions predictions = predictions();
        models.models()
                .forEach((name, model) -> scores.put(
                        name,
                        predictions.scores(
                                model,
                                saliency.images(),
                                models.branch(
                                        name,
                                        session.experiment()
                                                .evaluation()
                                                .settings()
                                                .saliencyBranch()))));
        return new EvaluationData(
                context,
                saliency.images(),
                cases.labels(),
                scores,
                saliency.maps(),
                saliency.targets(),
                saliency.masks(),
                boxes(cases));
    }

    private EvaluationData.Context context() {
        Map<String, Branch> branches = new LinkedHashMap<>();
        Branch saliencyBranch = session.experiment().evaluation().settings().saliencyBranch();
        models.models().keySet().forEach(name -> branches.put(name, models.branch(name, saliencyBranch)));
        return new EvaluationData.Context(
                List.copyOf(models.models().keySet()),
                data.head(),
                data.manifest().labels(),
                models.models(),
                branches,
                session.catalog().engines().get(session.experiment().engine()),
                session.catalog().attacks(),
                session.catalog().saliency(),
                session.experiment().seed());
    }

    private static List<List<Box>> boxes(SplitData split) {
        List<List<Box>> boxes = new ArrayList<>();
        for (int i = 0; i < split.size(); i++) {
            boxes.add(split.sample(i).boxes());
        }
        return boxes;
    }

    private Predictions predictions() {
        EvaluationSettings settings = session.experiment().evaluation().settings();
        return new Predictions(settings.batchSize(), session.experiment().seed(), session.monitor());
    }

    private interface Compute<T> {
        T compute() throws IOException;
    }

    private interface Write<T> {
        void write(T value) throws IOException;
    }

    private interface Read<T> {
        T read() throws IOException;
    }

    private <T> T step(
            String name, String description, double fraction, Compute<T> compute, Write<T> write, Read<T> read)
            throws IOException {
        String phase = "evaluate:" + name;
        if (session.state().isDone(phase) && store.isComplete(name)) {
            return read.read();
        }
        session.checkCancelled();
        session.event(RunEvent.Kind.PHASE_STARTED, description, RunProgress.evaluation(fraction));
        T value = compute.compute();
        write.write(value);
        session.state().markDone(phase);
        return value;
    }

    /** Returns the folder the evaluation writes its results to. */
    Path resultsFolder() {
        return store.folder();
    }
}
