package org.robustlab.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.Model;
import org.robustlab.core.io.Npz;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;

/**
 * Saliency maps of a small dual-BN CNN computed with PyTorch 1.13 in double precision, and the network's
 * parameters, so that tests compare methods and engines with an independent implementation. The script that
 * wrote them, {@code reference/saliency_reference.py} in this bundle's source, documents every array; the maps
 * explain the class weights {@code class_weights} of the two images {@code input} [2, 2, 12, 9].
 */
public final class SaliencyTorchReference {

    private static final String RESOURCE = "/reference/saliency_reference.npz";

    private SaliencyTorchReference() {}

    /** Returns the specification of the network: {@link ReferenceNetworks#smallCnn} with 2 channels, 3 outputs. */
    public static NetworkSpec spec() {
        return ReferenceNetworks.smallCnn(2, 3, Head.SOFTMAX, Normalization.DUAL);
    }

    /** Returns every array of the reference file, parameters and results. */
    public static Map<String, INDArray> arrays() {
        try (InputStream in = SaliencyTorchReference.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Resource " + RESOURCE + " is missing from bundle org.robustlab.testing");
            }
            return Npz.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** Returns the network's parameters, keyed as in {@link NetworkSpec#parameters()}. */
    public static Map<String, INDArray> parameters() {
        Map<String, INDArray> arrays = arrays();
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        spec().parameters().keySet().forEach(name -> parameters.put(name, arrays.get(name)));
        return parameters;
    }

    /** Returns the reference network compiled by {@code engine}. */
    public static Model model(Engine engine) {
        return engine.create(spec(), parameters());
    }
}
