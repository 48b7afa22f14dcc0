package org.robustlab.testing;

import java.util.List;
import java.util.Map;

import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;

/**
 * Forward and backward passes of every {@link Layer} kind in inference mode, written out with plain loops in
 * double precision so that they serve as an independent reference for the engines. Parameters are flat arrays
 * in PyTorch's layouts.
 */
final class ReferenceLayers {

    private final NetworkSpec spec;

    private final Map<String, double[]> parameters;

    private final Branch branch;

    ReferenceLayers(NetworkSpec spec, Map<String, double[]> parameters, Branch branch) {
        this.spec = spec;
        this.parameters = parameters;
        this.branch = branch;
    }

    ReferenceTensor forward(Layer layer, List<ReferenceTensor> inputs) {
        ReferenceTensor in = inputs.get(0);
        if (layer instanceof Layer.Conv2d conv) {
            return convolve(conv, in);
        } else if (layer instanceof Layer.BatchNorm norm) {
            return normalize(norm, in);
        } else if (layer instanceof Layer.Relu) {
            ReferenceTensor out = in.zerosLike();
            for (int i = 0; i < in.data.length; i++) {
                out.data[i] = Math.max(0, in.data[i]);
            }
            return out;
        } else if (layer instanceof Layer.Add) {
            ReferenceTensor out = in.zerosLike();
            inputs.forEach(out::addInPlace);
            return out;
        } else if (layer instanceof Layer.MaxPool pool) {
            return maxPool(pool, in, null, null);
        } else if (layer instanceof Layer.GlobalAveragePool) {
            return averagePool(in);
        } else if (layer instanceof Layer.Dense dense) {
            return dense(dense, in);
        }
        throw new IllegalArgumentException("Unsupported layer " + layer);
    }

    /** Returns the gradient with respect to each input, given the gradient with respect to the output. */
    List<ReferenceTensor> backward(Layer layer, List<ReferenceTensor> inputs, ReferenceTensor outputGradient) {
        ReferenceTensor in = inputs.get(0);
        if (layer instanceof Layer.Conv2d conv) {
            return List.of(convolveBackward(conv, in, outputGradient));
        } else if (layer instanceof Layer.BatchNorm norm) {
            return List.of(normalizeBackward(norm, in, outputGradient));
        } else if (layer instanceof Layer.Relu) {
            ReferenceTensor gradient = in.zerosLike();
            for (int i = 0; i < in.data.length; i++) {
                gradient.data[i] = in.data[i] > 0 ? outputGradient.data[i] : 0;
            }
            return List.of(gradient);
        } else if (layer instanceof Layer.Add) {
            return inputs.stream().map(input -> outputGradient).toList();
        } else if (layer instanceof Layer.MaxPool pool) {
            ReferenceTensor gradient = in.zerosLike();
            maxPool(pool, in, outputGradient, gradient);
            return List.of(gradient);
        } else if (layer instanceof Layer.GlobalAveragePool) {
            return List.of(averagePoolBackward(in, outputGradient));
        } else if (layer instanceof Layer.Dense dense) {
            return List.of(denseBackward(dense, in, outputGradient));
        }
        throw new IllegalArgumentException("Unsupported layer " + layer);
    }

    private ReferenceTensor convolve(Layer.Conv2d conv, ReferenceTensor in) {
        int k = conv.kernel();
        int outH = (in.h + 2 * conv.padding() - k) / conv.stride() + 1;
        int outW = (in.w + 2 * conv.padding() - k) / conv.stride() + 1;
        ReferenceTensor out = ReferenceTensor.image(in.n, conv.outChannels(), outH, outW);
        double[] weight = parameters.get(conv.name() + ".weight");
        double[] bias = conv.bias() ? parameters.get(conv.name() + ".bias") : null;
        for (int s = 0; s < in.n; s++) {
            for (int o = 0; o < conv.outChannels(); o++) {
                for (int y = 0; y < outH; y++) {
                    for (int x = 0; x < outW; x++) {
                        double sum = bias == null ? 0 : bias[o];
                        for (int i = 0; i < conv.inChannels(); i++) {
                            for (int ky = 0; ky < k; ky++) {
                                int row = y * conv.stride() + ky - conv.padding();
                                for (int kx = 0; kx < k; kx++) {
                                    int column = x * conv.stride() + kx - conv.padding();
                                    if (row >= 0 && row < in.h && column >= 0 && column < in.w) {
                                        sum += weight[((o * conv.inChannels() + i) * k + ky) * k + kx]
                                                * in.data[in.index(s, i, row, column)];
                                    }
                                }
                            }
                        }
                        out.data[out.index(s, o, y, x)] = sum;
                    }
                }
            }
        }
        return out;
    }

    private ReferenceTensor convolveBackward(Layer.Conv2d conv, ReferenceTensor in, ReferenceTensor gradOut) {
        int k = conv.kernel();
        ReferenceTensor gradient = in.zerosLike();
        double[] weight = parameters.get(conv.name() + ".weight");
        for (int s = 0; s < in.n; s++) {
            for (int o = 0; o < gradOut.c; o++) {
                for (int y = 0; y < gradOut.h; y++) {
                    for (int x = 0; x < gradOut.w; x++) {
                        double g = gradOut.data[gradOut.index(s, o, y, x)];
                        for (int i = 0; i < conv.inChannels(); i++) {
                            for (int ky = 0; ky < k; ky++) {
                                int row = y * conv.stride() + ky - conv.padding();
                                for (int kx = 0; kx < k; kx++) {
                                    int column = x * conv.stride() + kx - conv.padding();
                                    if (row >= 0 && row < in.h && column >= 0 && column < in.w) {
                                        gradient.data[in.index(s, i, row, column)] +=
                                                weight[((o * conv.inChannels() + i) * k + ky) * k + kx] * g;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return gradient;
    }

    /** Returns per channel the factor {@code gamma / sqrt(var + eps)} and the shift, in inference mode. */
    private double[][] affine(Layer.BatchNorm norm) {
        String prefix = spec.batchNormPrefix(norm.name(), branch);
        double[] gamma = parameters.get(prefix + ".weight");
        double[] beta = parameters.get(prefix + ".bias");
        double[] mean = parameters.get(prefix + ".running_mean");
        double[] variance = parameters.get(prefix + ".running_var");
        double[] scale = new double[norm.channels()];
        double[] shift = new double[norm.channels()];
        for (int ch = 0; ch < norm.channels(); ch++) {
            scale[ch] = gamma[ch] / Math.sqrt(variance[ch] + norm.epsilon());
            shift[ch] = beta[ch] - mean[ch] * scale[ch];
        }
        return new double[][] {scale, shift};
    }

    private ReferenceTensor normalize(Layer.BatchNorm norm, ReferenceTensor in) {
        double[][] affine = affine(norm);
        ReferenceTensor out = in.zerosLike();
        int plane = in.h * in.w;
        for (int i = 0; i < in.data.length; i++) {
            int channel = (i / plane) % in.c;
            out.data[i] = in.data[i] * affine[0][channel] + affine[1][channel];
        }
        return out;
    }

    private ReferenceTensor normalizeBackward(Layer.BatchNorm norm, ReferenceTensor in, ReferenceTensor gradOut) {
        double[] scale = affine(norm)[0];
        ReferenceTensor gradient = in.zerosLike();
        int plane = in.h * in.w;
        for (int i = 0; i < in.data.length; i++) {
            gradient.data[i] = gradOut.data[i] * scale[(i / plane) % in.c];
        }
        return gradient;
    }

    /**
     * Runs max pooling; with {@code gradOut} set, routes each output gradient to the first maximum of its
     * window (in row-major order) in {@code gradIn} instead of returning the output.
     */
    private static ReferenceTensor maxPool(
            Layer.MaxPool pool, ReferenceTensor in, ReferenceTensor gradOut, ReferenceTensor gradIn) {
        int k = pool.kernel();
        int outH = (in.h + 2 * pool.padding() - k) / pool.stride() + 1;
        int outW = (in.w + 2 * pool.padding() - k) / pool.stride() + 1;
        ReferenceTensor out = ReferenceTensor.image(in.n, in.c, outH, outW);
        for (int s = 0; s < in.n; s++) {
            for (int ch = 0; ch < in.c; ch++) {
                for (int y = 0; y < outH; y++) {
                    for (int x = 0; x < outW; x++) {
                        int best = -1;
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                int row = y * pool.stride() + ky - pool.padding();
                                int column = x * pool.stride() + kx - pool.padding();
                                if (row >= 0 && row < in.h && column >= 0 && column < in.w) {
                                    int index = in.index(s, ch, row, column);
                                    if (best < 0 || in.data[index] > in.data[best]) {
                                        best = index;
                                    }
                                }
                            }
                        }
                        int outIndex = out.index(s, ch, y, x);
                        if (gradOut == null) {
                            out.data[outIndex] = in.data[best];
                        } else {
                            gradIn.data[best] += gradOut.data[outIndex];
                        }
                    }
                }
            }
        }
        return out;
    }

    private static ReferenceTensor averagePool(ReferenceTensor in) {
        ReferenceTensor out = ReferenceTensor.features(in.n, in.c);
        int plane = in.h * in.w;
        for (int i = 0; i < in.data.length; i++) {
            out.data[i / plane] += in.data[i] / plane;
        }
        return out;
    }

    private static ReferenceTensor averagePoolBackward(ReferenceTensor in, ReferenceTensor gradOut) {
        ReferenceTensor gradient = in.zerosLike();
        int plane = in.h * in.w;
        for (int i = 0; i < in.data.length; i++) {
            gradient.data[i] = gradOut.data[i / plane] / plane;
        }
        return gradient;
    }

    private ReferenceTensor dense(Layer.Dense dense, ReferenceTensor in) {
        checkFeatures(dense, in);
        double[] weight = parameters.get(dense.name() + ".weight");
        double[] bias = dense.bias() ? parameters.get(dense.name() + ".bias") : null;
        ReferenceTensor out = ReferenceTensor.features(in.n, dense.outFeatures());
        int features = dense.inFeatures();
        for (int s = 0; s < in.n; s++) {
            for (int o = 0; o < dense.outFeatures(); o++) {
                double sum = bias == null ? 0 : bias[o];
                for (int f = 0; f < features; f++) {
                    sum += weight[o * features + f] * in.data[s * features + f];
                }
                out.data[s * dense.outFeatures() + o] = sum;
            }
        }
        return out;
    }

    private ReferenceTensor denseBackward(Layer.Dense dense, ReferenceTensor in, ReferenceTensor gradOut) {
        double[] weight = parameters.get(dense.name() + ".weight");
        ReferenceTensor gradient = in.zerosLike();
        int features = dense.inFeatures();
        for (int s = 0; s < in.n; s++) {
            for (int o = 0; o < dense.outFeatures(); o++) {
                double g = gradOut.data[s * dense.outFeatures() + o];
                for (int f = 0; f < features; f++) {
                    gradient.data[s * features + f] += weight[o * features + f] * g;
                }
            }
        }
        return gradient;
    }

    private static void checkFeatures(Layer.Dense dense, ReferenceTensor in) {
        if (in.perSample() != dense.inFeatures()) {
            throw new IllegalArgumentException(
                    dense.name() + " expects " + dense.inFeatures() + " input features, got " + in.perSample());
        }
    }
}
