package org.robustlab.experiment.internal;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.data.Box;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.Model;
import org.robustlab.core.metric.EvaluationInput;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.saliency.SaliencyMethods;

/**
 * The evaluation input the runner hands to metrics: one set of images in a fixed order, the models' scores on
 * them, and for the saliency cases the maps and ground-truth regions. Copies with other scores stand for the
 * same images under attack.
 */
final class EvaluationData implements EvaluationInput {

    /** What every evaluation set shares. */
    record Context(
            List<String> modelNames,
            Head head,
            List<String> labelNames,
            Map<String, Model> models,
            Map<String, Branch> branches,
            Engine engine,
            AttackGenerators attacks,
            SaliencyMethods saliencyMethods,
            long seed) {}

    private final Context context;

    private final INDArray images;

    private final INDArray labels;

    private final INDArray labelMask;

    private final Map<String, INDArray> scores;

    private final Map<String, Map<String, INDArray>> saliency;

    private final INDArray saliencyTargets;

    private final INDArray masks;

    private final List<List<Box>> boxes;

    EvaluationData(
            Context context,
            INDArray images,
            INDArray labels,
            Map<String, INDArray> scores,
            Map<String, Map<String, INDArray>> saliency,
            INDArray saliencyTargets,
            INDArray masks,
            List<List<Box>> boxes) {
        this.context = context;
        this.images = images;
        float[][] values = labels.castTo(DataType.FLOAT).toFloatMatrix();
        float[][] known = new float[values.length][];
        boolean anyUnknown = false;
        for (int i = 0; i < values.length; i++) {
            known[i] = new float[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                boolean isKnown = !Float.isNaN(values[i][j]);
                known[i][j] = isKnown ? 1 : 0;
                values[i][j] = isKnown ? values[i][j] : 0;
                anyUnknown |= !isKnown;
            }
        }
        this.labels = anyUnknown ? Nd4j.createFromArray(values) : labels;
        this.labelMask = anyUnknown ? Nd4j.createFromArray(known) : null;
        this.scores = Map.copyOf(scores);
        this.saliency = Map.copyOf(saliency);
        this.saliencyTargets = saliencyTargets;
        this.masks = masks;
        this.boxes = List.copyOf(boxes);
    }

    /** Returns a copy whose scores are those of the same images under an attack. */
    EvaluationData withScores(Map<String, INDArray> attackedScores) {
        return new EvaluationData(context, images, labels, attackedScores, saliency, saliencyTargets, masks, boxes);
    }

    @Override
    public boolean has(Requirement requirement) {
        return available().contains(requirement);
    }

    /** Returns the kinds of data present. */
    Set<Requirement> available() {
        Set<Requirement> present = EnumSet.noneOf(Requirement.class);
        if (!scores.isEmpty()) {
            present.add(Requirement.PREDICTIONS);
        }
        if (!context.models().isEmpty()) {
            present.add(Requirement.MODELS);
        }
        if (!saliency.isEmpty()) {
            present.add(Requirement.SALIENCY);
        }
        if (masks != null || boxes.stream().anyMatch(list -> !list.isEmpty())) {
            present.add(Requirement.REGIONS);
        }
        return present;
    }

    @Override
    public List<String> modelNames() {
        return context.modelNames();
    }

    @Override
    public Head head() {
        return context.head();
    }

    @Override
    public List<String> labelNames() {
        return context.labelNames();
    }

    @Override
    public INDArray labels() {
        return labels;
    }

    @Override
    public Optional<INDArray> labelMask() {
        return Optional.ofNullable(labelMask);
    }

    @Override
    public INDArray scores(String model) {
        return require(scores.get(model), "scores of model '" + model + "'");
    }

    @Override
    public INDArray images() {
        return images;
    }

    @Override
    public double[] inputRange() {
        return new double[] {0, 1};
    }

    @Override
    public Model model(String name) {
        return require(context.models().get(name), "model '" + name + "'");
    }

    @Override
    public Branch branch(String model) {
        return context.branches().getOrDefault(model, Branch.CLEAN);
    }

    @Override
    public Engine engine() {
        return require(context.engine(), "the engine");
    }

    @Override
    public AttackGenerators attacks() {
        return context.attacks();
    }

    @Override
    public SaliencyMethods saliencyMethods() {
        return context.saliencyMethods();
    }

    @Override
    public List<String> saliencyMethodNames() {
        return saliency.isEmpty()
                ? List.of()
                : List.copyOf(saliency.values().iterator().next().keySet());
    }

    @Override
    public INDArray saliency(String model, String method) {
        Map<String, INDArray> byMethod = require(saliency.get(model), "saliency maps of model '" + model + "'");
        return require(byMethod.get(method), "saliency maps of model '" + model + "' and method '" + method + "'");
    }

    @Override
    public INDArray saliencyTargets() {
        return require(saliencyTargets, "saliency targets");
    }

    @Override
    public Optional<INDArray> masks() {
        return Optional.ofNullable(masks);
    }

    @Override
    public List<List<Box>> boxes() {
        return boxes;
    }

    @Override
    public long seed() {
        return context.seed();
    }

    /** Returns the saliency maps by model and method, in insertion order. */
    Map<String, Map<String, INDArray>> saliencyMaps() {
        return new LinkedHashMap<>(saliency);
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalStateException("This evaluation set has no " + what);
        }
        return value;
    }
}
