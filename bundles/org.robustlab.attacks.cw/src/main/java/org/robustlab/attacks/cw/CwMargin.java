package org.robustlab.attacks.cw;

import org.robustlab.core.model.Head;

/**
 * The classification term f of Carlini and Wagner for one image, its gradient with respect to the logits, and
 * whether the goal is met by the margin kappa. f is at least {@code -kappa} and reaches it exactly when the goal is
 * met with that margin.
 *
 * <p>Softmax heads use the form of Carlini and Wagner (2017): untargeted
 * {@code max(z_y - max_{i != y} z_i, -kappa)}, targeted {@code max(max_{i != t} z_i - z_t, -kappa)}. For
 * multi-label sigmoid heads, with {@code s_k = +1} for a positive and {@code -1} for a negative label: untargeted
 * {@code max(min_k s_k z_k, -kappa)}, which flips the easiest label; targeted {@code sum_k max(-s_k z_k, -kappa)}
 * over the targets, which moves every label. Only counted labels take part.
 *
 * @param value f
 * @param logitGradient df/dz
 * @param achieved whether the goal is met by at least kappa
 */
record CwMargin(double value, double[] logitGradient, boolean achieved) {

    static CwMargin of(double[] logits, double[] labels, double[] mask, Head head, boolean targeted, double kappa) {
        if (head == Head.SOFTMAX) {
            return softmax(logits, argMax(labels), targeted, kappa);
        }
        return targeted ? sigmoidTargeted(logits, labels, mask, kappa) : sigmoidUntargeted(logits, labels, mask, kappa);
    }

    private static CwMargin softmax(double[] logits, int label, boolean targeted, double kappa) {
        int other = -1;
        for (int k = 0; k < logits.length; k++) {
            if (k != label && (other < 0 || logits[k] > logits[other])) {
                other = k;
            }
        }
        double margin = targeted ? logits[other] - logits[label] : logits[label] - logits[other];
        double[] gradient = new double[logits.length];
        if (margin > -kappa) {
            gradient[label] = targeted ? -1 : 1;
            gradient[other] = targeted ? 1 : -1;
        }
        return new CwMargin(Math.max(margin, -kappa), gradient, margin < 0 && margin <= -kappa);
    }

    private static CwMargin sigmoidUntargeted(double[] logits, double[] labels, double[] mask, double kappa) {
        int easiest = -1;
        double smallest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < logits.length; k++) {
            double margin = sign(labels[k]) * logits[k];
            if (counted(mask, k) && margin < smallest) {
                smallest = margin;
                easiest = k;
            }
        }
        double[] gradient = new double[logits.length];
        if (easiest < 0) {
            return new CwMargin(0, gradient, false);
        }
        if (smallest > -kappa) {
            gradient[easiest] = sign(labels[easiest]);
        }
        return new CwMargin(Math.max(smallest, -kappa), gradient, smallest < 0 && smallest <= -kappa);
    }

    private static CwMargin sigmoidTargeted(double[] logits, double[] targets, double[] mask, double kappa) {
        double value = 0;
        boolean achieved = true;
        double[] gradient = new double[logits.length];
        for (int k = 0; k < logits.length; k++) {
            if (!counted(mask, k)) {
                continue;
            }
            double margin = -sign(targets[k]) * logits[k];
            value += Math.max(margin, -kappa);
            achieved &= margin < 0 && margin <= -kappa;
            if (margin > -kappa) {
                gradient[k] = -sign(targets[k]);
            }
        }
        return new CwMargin(value, gradient, achieved);
    }

    private static boolean counted(double[] mask, int k) {
        return mask == null || mask[k] != 0;
    }

    private static double sign(double label) {
        return label >= 0.5 ? 1 : -1;
    }

    private static int argMax(double[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }
}
