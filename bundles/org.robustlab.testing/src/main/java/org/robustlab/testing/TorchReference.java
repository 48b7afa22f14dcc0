package org.robustlab.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.io.Npz;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Normalization;

/**
 * Attack results computed by PyTorch on a {@link ReferenceClassifier}, so that attack tests compare with an
 * independent implementation. The script {@code reference/attacks_reference.py} of this bundle wrote the arrays;
 * rerun it with Debian's {@code python3-torch} after changing a case.
 */
public final class TorchReference {

    /** Image and output sizes of the softmax reference network; the sigmoid one has 4 outputs. */
    public static final ReferenceClassifier.Geometry SOFTMAX_GEOMETRY = new ReferenceClassifier.Geometry(1, 8, 8, 3);

    /** Image and output sizes of the sigmoid reference network. */
    public static final ReferenceClassifier.Geometry SIGMOID_GEOMETRY = new ReferenceClassifier.Geometry(1, 8, 8, 4);

    private static final String RESOURCE = "/reference/attacks_reference.npz";

    private final Map<String, INDArray> arrays;

    private TorchReference(Map<String, INDArray> arrays) {
        this.arrays = arrays;
    }

    /** Loads the reference arrays shipped in this bundle. */
    public static TorchReference load() {
        try (InputStream in = TorchReference.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE + " in org.robustlab.testing");
            }
            return new TorchReference(Npz.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** Returns the network PyTorch attacked for this head. */
    public ReferenceClassifier classifier(Head head) {
        String prefix = prefix(head) + ".";
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        arrays.forEach((name, value) -> {
            if (name.startsWith(prefix) && !name.endsWith("labels") && !name.endsWith("targets")) {
                parameters.put(name.substring(prefix.length()), value);
            }
        });
        ReferenceClassifier.Geometry geometry = head == Head.SOFTMAX ? SOFTMAX_GEOMETRY : SIGMOID_GEOMETRY;
        return ReferenceClassifier.create(geometry, head, Normalization.SINGLE, parameters);
    }

    /** Returns the clean images, float32 [6, 1, 8, 8] in [0, 1]. */
    public INDArray images() {
        return get("images");
    }

    /** Returns the model's predictions as labels: one-hot for softmax, 0/1 for sigmoid. */
    public INDArray labels(Head head) {
        return get(prefix(head) + ".labels");
    }

    /** Returns targets that differ from every image's label. */
    public INDArray targets(Head head) {
        return get(prefix(head) + ".targets");
    }

    /**
     * Returns PyTorch's adversarial images for one case.
     *
     * @param attack {@code fgsm} (one step of size epsilon) or {@code pgd}
     * @param norm {@code linf} or {@code l2}
     * @param targeted whether the case descends the loss of {@link #targets} instead of ascending that of
     *     {@link #labels}
     */
    public INDArray adversarial(Head head, String attack, String norm, boolean targeted) {
        return get(prefix(head) + "_" + attack + "_" + norm + "_" + (targeted ? "targeted" : "untargeted"));
    }

    private INDArray get(String name) {
        INDArray value = arrays.get(name);
        if (value == null) {
            throw new IllegalArgumentException(
                    "No array '" + name + "' in " + RESOURCE + "; arrays: " + arrays.keySet());
        }
        return value.dup();
    }

    private static String prefix(Head head) {
        return head.name().toLowerCase(Locale.ROOT);
    }
}
