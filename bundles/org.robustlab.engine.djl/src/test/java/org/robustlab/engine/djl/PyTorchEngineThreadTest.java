package org.robustlab.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robustlab.engine.djl.TorchReference.get;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;

/**
 * libtorch keeps its autograd switch per thread and DJL allows one gradient collector per process, so models on
 * different threads must not disturb each other.
 */
class PyTorchEngineThreadTest {

    private static final NetworkSpec DUAL = TorchReference.spec(Head.SOFTMAX, Normalization.DUAL);

    @Test
    void modelsOnFourThreadsMatchSequentialResults() throws Exception {
        PyTorchEngine engine = new PyTorchEngine();
        engine.activate();
        List<INDArray> sequential = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sequential.add(gradientAfterStep(engine));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<INDArray>> parallel = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                parallel.add(pool.submit(() -> gradientAfterStep(engine)));
            }

            for (int i = 0; i < 4; i++) {
                TorchReference.assertClose(
                        "thread " + i, parallel.get(i).get(2, TimeUnit.MINUTES), sequential.get(i), 1e-6, 1e-5);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void inferenceOnFreshThreadLeavesWeightsFree() throws Exception {
        PyTorchEngine engine = new PyTorchEngine();
        engine.activate();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Model model = engine.create(DUAL, TorchReference.withPrefix("param/"))) {
            INDArray expected = model.logits(get("x"), Branch.CLEAN);

            INDArray actual =
                    pool.submit(() -> model.logits(get("x"), Branch.CLEAN)).get(1, TimeUnit.MINUTES);
            model.trainer(OptimizerSpec.sgd(0.1, 0.9))
                    .step(TrainingBatch.of(LossTerm.supervised(get("x"), get("labels"), Branch.CLEAN, 1)));

            assertThat(TorchReference.identical(actual, expected)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Trains one SGD step on a fresh model, then returns an input gradient on the adversarial branch. */
    private static INDArray gradientAfterStep(PyTorchEngine engine) {
        try (Model model = engine.create(DUAL, TorchReference.withPrefix("param/"))) {
            model.trainer(OptimizerSpec.sgd(0.05, 0.9))
                    .step(TrainingBatch.of(LossTerm.supervised(get("x_adv"), get("labels"), Branch.ADVERSARIAL, 1)));
            return model.inputGradient(get("x"), Objective.Loss.of(get("labels")), Branch.ADVERSARIAL)
                    .gradient();
        }
    }
}
