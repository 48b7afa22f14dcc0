package org.robustlab.testing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.EngineInfo;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.TensorSpec;

/**
 * An {@link Engine} that builds {@link ReferenceModel}s: plain-Java interpreters of a network specification with
 * hand-derived gradients in double precision. Tests use it where they need a model whose values do not come
 * from the engine under test, and for metrics that rebuild models through {@link Engine#create}. It is not a
 * registered contribution.
 */
public final class ReferenceEngine implements Engine {

    @Override
    public EngineInfo info() {
        return ReferenceModel.INFO;
    }

    @Override
    public Model create(NetworkSpec spec, Map<String, INDArray> parameters) {
        Map<String, TensorSpec> expected = spec.parameters();
        TreeSet<String> extra = new TreeSet<>(parameters.keySet());
        extra.removeAll(expected.keySet());
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException("Parameters not in " + spec.architecture() + ": " + extra);
        }
        Map<String, double[]> values = new HashMap<>();
        expected.forEach((name, tensor) -> {
            INDArray value = parameters.get(name);
            if (value == null) {
                throw new IllegalArgumentException("Missing parameter " + name + " of shape " + tensor);
            }
            if (!Arrays.equals(value.shape(), tensor.shape())) {
                throw new IllegalArgumentException(
                        "Parameter " + name + " has shape " + Arrays.toString(value.shape()) + ", expected " + tensor);
            }
            values.put(name, value.dup('c').castTo(DataType.DOUBLE).data().asDouble());
        });
        return new ReferenceModel(spec, values);
    }
}
