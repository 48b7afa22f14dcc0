package org.robustlab.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.robustlab.attacks.pgd.PgdParameters;
import org.robustlab.core.attack.AttackContext;
import org.robustlab.core.attack.AttackGenerator;
import org.robustlab.core.attack.AttackGoal;
import org.robustlab.core.attack.Norm;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.engine.Trainer;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.ModelArchitecture;
import org.robustlab.core.model.NetworkShape;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.saliency.Baseline;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyTarget;
import org.robustlab.models.resnet.ResNetSmallParameters;
import org.robustlab.saliency.gradient.ChannelReduction;
import org.robustlab.saliency.gradient.IntegratedGradientsSaliency;
import org.robustlab.saliency.gradient.IntegrationRule;
import org.robustlab.saliency.gradient.SmoothGradSaliency;

/**
 * The benchmark's workload on one engine at one input size, as python/torch_bench.py defines it: resnet-small
 * (stem stride 1 at 64x64, 2 above), batch 32, Adam 1e-3, inputs {@code frac((i + 1) * 0.618...)} in C order and
 * labels {@code i % 2}. Attacks and saliency maps go through their contributions, looked up by id.
 */
final class BenchmarkWorkload implements AutoCloseable {

    static final int BATCH = 32;

    static final int SALIENCY_IMAGES = 8;

    static final int SALIENCY_POINTS = 50;

    private static final double GOLDEN = 0.6180339887498949;

    final NetworkSpec single;

    final NetworkSpec dual;

    private final Model singleModel;

    private final Model dualModel;

    private final Trainer singleTrainer;

    private final Trainer dualTrainer;

    private final AttackGenerator<PgdParameters> pgd;

    private final SaliencyMethod<SmoothGradSaliency.Parameters> smoothGrad;

    private final SaliencyMethod<IntegratedGradientsSaliency.Parameters> integratedGradients;

    private final INDArray images;

    private final INDArray labels;

    private final INDArray shifted;

    private final INDArray saliencyImages;

    private long seed = 1;

    @SuppressWarnings("unchecked")
    BenchmarkWorkload(Registries registries, Engine engine, int size) {
        ModelArchitecture<ResNetSmallParameters> architecture =
                (ModelArchitecture<ResNetSmallParameters>) registries.architectures.get("resnet-small");
        ResNetSmallParameters parameters = ResNetSmallParameters.defaults().withStemStride(size > 64 ? 2 : 1);
        single = architecture.build(new NetworkShape(1, size, size, 2, Head.SOFTMAX, Normalization.SINGLE), parameters);
        dual = architecture.build(new NetworkShape(1, size, size, 2, Head.SOFTMAX, Normalization.DUAL), parameters);
        pgd = (AttackGenerator<PgdParameters>) registries.attacks.get("pgd");
        smoothGrad = (SaliencyMethod<SmoothGradSaliency.Parameters>) registries.saliency.get("smoothgrad");
        integratedGradients = (SaliencyMethod<IntegratedGradientsSaliency.Parameters>)
                registries.saliency.get("integrated-gradients");
        images = goldenImages(BATCH, size);
        labels = alternatingLabels(BATCH);
        shifted = Transforms.min(images.add(0.03), 1.0);
        saliencyImages = images.get(NDArrayIndex.interval(0, SALIENCY_IMAGES)).dup();
        singleModel = engine.create(single, 1);
        dualModel = engine.create(dual, 1);
        singleTrainer = singleModel.trainer(OptimizerSpec.adam(1e-3));
        dualTrainer = dualModel.trainer(OptimizerSpec.adam(1e-3));
    }

    /** Returns every row by its id, in table order. */
    Map<String, Runnable> rows() {
        Map<String, Runnable> rows = new LinkedHashMap<>();
        rows.put("infer", () -> singleModel.logits(images, Branch.CLEAN));
        rows.put(
                "train",
                () -> singleTrainer.step(TrainingBatch.of(LossTerm.supervised(images, labels, Branch.CLEAN, 1))));
        rows.put("igrad", () -> singleModel.inputGradient(images, Objective.Loss.of(labels), Branch.CLEAN));
        rows.put("dual", () -> dualStep(shifted));
        rows.put("pgd3", () -> dualStep(attack(PgdParameters.of(Norm.L_INFINITY, 8.0 / 255, 2.0 / 255, 3, true))));
        rows.put("pgd7", () -> dualStep(attack(PgdParameters.of(Norm.L2, 0.5, 0.1, 7, true))));
        rows.put(
                "smoothgrad",
                () -> smoothGrad.explain(
                        singleModel,
                        saliencyImages,
                        SaliencyTarget.ofClass(SALIENCY_IMAGES, 2, 1, Branch.CLEAN),
                        new SmoothGradSaliency.Parameters(SALIENCY_POINTS, 0.15, false, ChannelReduction.SUM),
                        SaliencyContext.of(nextSeed())));
        rows.put(
                "ig",
                () -> integratedGradients.explain(
                        singleModel,
                        saliencyImages,
                        SaliencyTarget.ofClass(SALIENCY_IMAGES, 2, 1, Branch.CLEAN),
                        new IntegratedGradientsSaliency.Parameters(
                                SALIENCY_POINTS, IntegrationRule.GAUSS_LEGENDRE, Baseline.ZERO, ChannelReduction.SUM),
                        SaliencyContext.of(nextSeed())));
        return rows;
    }

    /** PGD through the adversarial branch in inference mode, as in adversarial training with dual batch norm. */
    INDArray attack(PgdParameters parameters) {
        return pgd.generate(
                        dualModel,
                        images,
                        AttackGoal.untargeted(labels, Branch.ADVERSARIAL),
                        parameters,
                        AttackContext.unitRange(nextSeed()))
                .adversarial();
    }

    INDArray images() {
        return images;
    }

    private void dualStep(INDArray adversarial) {
        dualTrainer.step(TrainingBatch.of(
                LossTerm.supervised(images, labels, Branch.CLEAN, 1),
                LossTerm.supervised(adversarial, labels, Branch.ADVERSARIAL, 1)));
    }

    private long nextSeed() {
        return seed++;
    }

    /** Returns [count, 1, size, size] with value {@code i} (C order) equal to {@code frac((i + 1) * 0.618...)}. */
    static INDArray goldenImages(int count, int size) {
        float[] values = new float[count * size * size];
        for (int i = 0; i < values.length; i++) {
            double scaled = (i + 1) * GOLDEN;
            values[i] = (float) (scaled - Math.floor(scaled));
        }
        return Nd4j.create(values, new long[] {count, 1, size, size}, 'c');
    }

    private static INDArray alternatingLabels(int count) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, count, 2);
        for (int i = 0; i < count; i++) {
            labels.putScalar(i, i % 2, 1);
        }
        return labels;
    }

    @Override
    public void close() {
        singleModel.close();
        dualModel.close();
    }
}
