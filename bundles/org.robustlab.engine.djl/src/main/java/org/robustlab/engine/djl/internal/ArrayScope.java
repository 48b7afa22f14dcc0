package org.robustlab.engine.djl.internal;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The memory scope of one pass: a DJL sub-manager that owns every tensor the pass creates, and the ND4J arrays
 * whose memory those tensors share. Closing the scope frees the tensors; the ND4J arrays stay reachable until then.
 *
 * <p>A dense float32 ND4J array on the CPU crosses into DJL without a copy: the tensor aliases its off-heap
 * buffer. Other arrays (views, other types, 'f' order) are copied once into a dense float32 array first.
 * Results leave DJL with one copy into a new ND4J array.
 */
final class ArrayScope implements AutoCloseable {

    private final NDManager manager;

    private final List<INDArray> shared = new ArrayList<>();

    ArrayScope(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    /** Returns the scope's manager; results of operations whose first operand it owns belong to it too. */
    NDManager manager() {
        return manager;
    }

    /** Returns a float32 tensor with the values of {@code array}, sharing its memory when the layout allows. */
    NDArray toTensor(INDArray array) {
        INDArray dense = denseFloat(array);
        shared.add(dense);
        Shape shape = new Shape(dense.shape());
        if (dense.length() == 0) {
            return manager.create(shape, ai.djl.ndarray.types.DataType.FLOAT32);
        }
        ByteBuffer buffer = dense.data().asNio().order(ByteOrder.nativeOrder());
        buffer.limit(Math.toIntExact(dense.length() * Float.BYTES));
        return manager.create(buffer, shape, ai.djl.ndarray.types.DataType.FLOAT32);
    }

    /** Moves {@code tensor} into this scope, so that closing the scope frees it. */
    NDArray own(NDArray tensor) {
        tensor.attach(manager);
        return tensor;
    }

    @Override
    public void close() {
        manager.close();
        Reference.reachabilityFence(shared);
    }

    /** Returns a new ND4J float32 array with the values of {@code tensor}, copied once. */
    static INDArray toNd4j(NDArray tensor) {
        long[] shape = tensor.getShape().getShape();
        INDArray result = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        if (result.length() > 0) {
            ByteBuffer source =
                    tensor.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toByteBuffer(true);
            result.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().put(source.asFloatBuffer());
        }
        return result;
    }

    /** Returns {@code array} itself when it is a dense float32 'c'-order array, otherwise such a copy. */
    static INDArray denseFloat(INDArray array) {
        boolean dense = array.dataType() == DataType.FLOAT
                && array.ordering() == 'c'
                && !array.isView()
                && array.offset() == 0
                && array.data().length() == array.length();
        return dense ? array : array.castTo(DataType.FLOAT).dup('c');
    }
}
