package org.robustlab.core.metric;

import java.util.List;
import java.util.Optional;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.data.Box;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.saliency.SaliencyMethods;

/**
 * Everything a metric may read about one evaluation set and the models under comparison. Images, labels and
 * masks are in the same sample order for every model. Methods for data that the run did not produce throw
 * {@link IllegalStateException}; {@link #has(Requirement)} says what is present.
 */
public interface EvaluationInput {

    /** Data a metric can require. */
    enum Requirement {
        /** Scores of each model on the evaluation images. */
        PREDICTIONS,
        /** The models themselves and the images, for metrics that query the model (robustness, faithfulness). */
        MODELS,
        /** Saliency maps per model and method. */
        SALIENCY,
        /** Ground-truth regions as masks or boxes. */
        REGIONS
    }

    /** Returns whether the input holds this kind of data. */
    boolean has(Requirement requirement);

    /** Returns the names of the models, in the order the experiment lists them. */
    List<String> modelNames();

    /** Returns the output head shared by the models. */
    Head head();

    /** Returns the label or class names, one per output. */
    List<String> labelNames();

    /** Returns the true labels, [N, outputs]: one-hot rows for a softmax head. */
    INDArray labels();

    /** Returns the label mask, [N, outputs] with 0 for labels to ignore, or empty when all count. */
    Optional<INDArray> labelMask();

    /** Returns a model's scores on the evaluation images, [N, outputs]: probabilities after the head. */
    INDArray scores(String model);

    /** Returns the evaluation images, [N, C, H, W], in the model's input range. */
    INDArray images();

    /** Returns the valid input range as {min, max}. */
    double[] inputRange();

    /** Returns a model; valid while the evaluation runs. */
    Model model(String name);

    /** Returns the batch-norm branch through which a model is evaluated on clean images. */
    Branch branch(String model);

    /** Returns the engine the models run on, to build randomised copies for sanity checks. */
    Engine engine();

    /** Returns the attack registry, for robustness metrics. */
    AttackGenerators attacks();

    /** Returns the saliency registry, for metrics that recompute maps (sanity checks). */
    SaliencyMethods saliencyMethods();

    /** Returns the names of the saliency methods whose maps are present. */
    List<String> saliencyMethodNames();

    /** Returns the raw maps of one model and method, [N, H, W]. */
    INDArray saliency(String model, String method);

    /** Returns the class weights the maps explain, [N, outputs]. */
    INDArray saliencyTargets();

    /** Returns ground-truth masks, [N, H, W] with 1 inside the region, or empty when the data has none. */
    Optional<INDArray> masks();

    /** Returns ground-truth boxes per image (possibly empty lists), in pixel coordinates of the images. */
    List<List<Box>> boxes();

    /** Returns the seed for bootstrap resampling and random baselines. */
    long seed();
}
