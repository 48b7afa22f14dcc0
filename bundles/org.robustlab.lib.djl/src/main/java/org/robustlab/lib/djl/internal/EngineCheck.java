package org.robustlab.lib.djl.internal;

import java.util.Arrays;

import org.robustlab.lib.djl.DjlRuntime;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Loads the PyTorch engine in a plain JVM and prints one matrix product, to check an installation or a launch
 * configuration outside OSGi: {@code java -cp <bundle classes and lib/*.jar and slf4j-api> } this class.
 *
 * <p>Output: a line {@code product [7.0, 10.0, 15.0, 22.0]} (the square of [[1, 2], [3, 4]]) and a line {@code
 * libtorch <directory>}. Exits with status 1 when the engine cannot be loaded.
 */
public final class EngineCheck {

    private EngineCheck() {}

    public static void main(String[] args) {
        DjlRuntime.applyDefaults();
        Engine engine;
        try {
            engine = DjlRuntime.engine();
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        try (NDManager manager = engine.newBaseManager()) {
            NDArray matrix = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            System.out.println(
                    "product " + Arrays.toString(matrix.matMul(matrix).toFloatArray()));
        }
        System.out.println("libtorch " + DjlRuntime.libtorchDirectory());
    }
}
