package org.robustlab.metrics;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.data.Box;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.Model;
import org.robustlab.core.metric.EvaluationInput;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.saliency.SaliencyMethods;

/**
 * An {@link EvaluationInput} assembled from arrays and models with a {@link Builder}. What the builder was not
 * given is absent: {@link #has} reports it and its accessor throws {@link IllegalStateException} naming it.
 */
public final class EvaluationData implements EvaluationInput {

    private final Builder values;

    private EvaluationData(Builder values) {
        this.values = values;
    }

    /** Returns a builder for an evaluation of the given labels with a head. */
    public static Builder builder(Head head, List<String> labelNames, INDArray labels) {
        return new Builder(head, labelNames, labels);
    }

    /** Collects the parts of an evaluation input. */
    public static final class Builder {
        private final Head head;
        private final List<String> labelNames;
        private final INDArray labels;
        private final List<String> modelNames = new ArrayList<>();
        private final Map<String, INDArray> scores = new LinkedHashMap<>();
        private final Map<String, Model> models = new LinkedHashMap<>();
        private final Map<String, Branch> branches = new LinkedHashMap<>();
        private final Map<String, Map<String, INDArray>> saliency = new LinkedHashMap<>();
        private final List<String> methodNames = new ArrayList<>();
        private INDArray labelMask;
        private INDArray images;
        private double[] inputRange = {0, 1};
        private Engine engine;
        private AttackGenerators attacks;
        private SaliencyMethods saliencyMethods;
        private INDArray saliencyTargets;
        private INDArray masks;
        private List<List<Box>> boxes;
        private long seed;

        private Builder(Head head, List<String> labelNames, INDArray labels) {
            this.head = head;
            this.labelNames = List.copyOf(labelNames);
            this.labels = labels;
        }

        /** Adds a model by name, with its scores [N, outputs]; either may be null when absent. */
        public Builder model(String name, Model model, Branch branch, INDArray modelScores) {
            if (!modelNames.contains(name)) {
                modelNames.add(name);
            }
            if (model != null) {
                models.put(name, model);
            }
            branches.put(name, branch);
            if (modelScores != null) {
                scores.put(name, modelScores);
            }
            return this;
        }

        /** Sets the label mask [N, outputs], 0 where a label is ignored. */
        public Builder labelMask(INDArray mask) {
            this.labelMask = mask;
            return this;
        }

        /** Sets the images [N, C, H, W] and their valid range. */
        public Builder images(INDArray newImages, double min, double max) {
            this.images = newImages;
            this.inputRange = new double[] {min, max};
            return this;
        }

        /** Sets the services that metrics use to rebuild models, attack them and recompute maps. */
        public Builder services(Engine newEngine, AttackGenerators newAttacks, SaliencyMethods newMethods) {
            this.engine = newEngine;
            this.attacks = newAttacks;
            this.saliencyMethods = newMethods;
            return this;
        }

        /** Adds the raw maps [N, H, W] of one model and saliency method. */
        public Builder saliency(String model, String method, INDArray maps) {
            saliency.computeIfAbsent(model, key -> new LinkedHashMap<>()).put(method, maps);
            if (!methodNames.contains(method)) {
                methodNames.add(method);
            }
            return this;
        }

        /** Sets the class weights [N, outputs] that the maps explain. */
        public Builder saliencyTargets(INDArray targets) {
            this.saliencyTargets = targets;
            return this;
        }

        /** Sets ground-truth masks [N, H, W]. */
        public Builder masks(INDArray newMasks) {
            this.masks = newMasks;
            return this;
        }

        /** Sets ground-truth boxes per image. */
        public Builder boxes(List<List<Box>> newBoxes) {
            this.boxes = newBoxes.stream().map(List::copyOf).toList();
            return this;
        }

        /** Sets the seed for resampling and random baselines. */
        public Builder seed(long newSeed) {
            this.seed = newSeed;
            return this;
        }

        /** Returns the evaluation input. */
        public EvaluationData build() {
            return new EvaluationData(this);
        }
    }

    @Override
    public boolean has(Requirement requirement) {
        return switch (requirement) {
            case PREDICTIONS -> !values.scores.isEmpty();
            case MODELS -> !values.models.isEmpty() && values.images != null;
            case SALIENCY -> !values.saliency.isEmpty();
            case REGIONS -> values.masks != null || values.boxes != null;
        };
    }

    /** Returns the requirements that this input meets. */
    public Set<Requirement> available() {
        Set<Requirement> available = EnumSet.noneOf(Requirement.class);
        for (Requirement requirement : Requirement.values()) {
            if (has(requirement)) {
                available.add(requirement);
            }
        }
        return available;
    }

    @Override
    public List<String> modelNames() {
        return List.copyOf(values.modelNames);
    }

    @Override
    public Head head() {
        return values.head;
    }

    @Override
    public List<String> labelNames() {
        return values.labelNames;
    }

    @Override
    public INDArray labels() {
        return values.labels;
    }

    @Override
    public Optional<INDArray> labelMask() {
        return Optional.ofNullable(values.labelMask);
    }

    @Override
    public INDArray scores(String model) {
        return require(values.scores.get(model), "scores of model '" + model + "'");
    }

    @Override
    public INDArray images() {
        return require(values.images, "images");
    }

    @Override
    public double[] inputRange() {
        return values.inputRange.clone();
    }

    @Override
    public Model model(String name) {
        return require(values.models.get(name), "model '" + name + "'");
    }

    @Override
    public Branch branch(String model) {
        return values.branches.getOrDefault(model, Branch.CLEAN);
    }

    @Override
    public Engine engine() {
        return require(values.engine, "engine");
    }

    @Override
    public AttackGenerators attacks() {
        return require(values.attacks, "attack registry");
    }

    @Override
    public SaliencyMethods saliencyMethods() {
        return require(values.saliencyMethods, "saliency method registry");
    }

    @Override
    public List<String> saliencyMethodNames() {
        return List.copyOf(values.methodNames);
    }

    @Override
    public INDArray saliency(String model, String method) {
        Map<String, INDArray> maps = values.saliency.getOrDefault(model, Map.of());
        return require(maps.get(method), "saliency maps of model '" + model + "' and method '" + method + "'");
    }

    @Override
    public INDArray saliencyTargets() {
        return require(values.saliencyTargets, "saliency targets");
    }

    @Override
    public Optional<INDArray> masks() {
        return Optional.ofNullable(values.masks);
    }

    @Override
    public List<List<Box>> boxes() {
        return values.boxes == null ? List.of() : values.boxes;
    }

    @Override
    public long seed() {
        return values.seed;
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalStateException("The evaluation input has no " + what);
        }
        return value;
    }
}
