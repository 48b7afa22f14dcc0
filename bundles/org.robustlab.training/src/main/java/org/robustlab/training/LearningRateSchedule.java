package org.robustlab.training;

import java.util.List;

/**
 * How the learning rate changes from epoch to epoch, with the semantics of PyTorch's schedulers stepped once per
 * epoch. {@link #rate(double, int)} is a pure function of the epoch, so a resumed run needs no scheduler state.
 */
public sealed interface LearningRateSchedule {

    /**
     * Returns the learning rate for an epoch.
     *
     * @param base the optimizer's initial learning rate
     * @param epoch the epoch about to run, counted from 0
     */
    double rate(double base, int epoch);

    /** The base rate throughout. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double rate(double base, int epoch) {
            return base;
        }
    }

    /**
     * {@code torch.optim.lr_scheduler.MultiStepLR}: the rate is multiplied by {@code gamma} at each milestone
     * epoch, so epoch {@code e} runs at {@code base * gamma^(milestones <= e)}. Han et al. (2021) used milestones
     * 100 and 200 with gamma 0.1.
     *
     * @param milestones epochs (from 0) at which the rate drops, ascending
     * @param gamma the factor applied at each milestone, in (0, 1]
     */
    record MultiStep(List<Integer> milestones, double gamma) implements LearningRateSchedule {
        public MultiStep {
            milestones = List.copyOf(milestones);
            for (int i = 0; i < milestones.size(); i++) {
                if (milestones.get(i) < 1 || i > 0 && milestones.get(i) <= milestones.get(i - 1)) {
                    throw new IllegalArgumentException("milestones must be ascending epochs >= 1, got " + milestones);
                }
            }
            if (!(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
            }
        }

        @Override
        public double rate(double base, int epoch) {
            long passed =
                    milestones.stream().filter(milestone -> milestone <= epoch).count();
            return base * Math.pow(gamma, passed);
        }
    }

    /**
     * {@code torch.optim.lr_scheduler.CosineAnnealingLR} without restarts: epoch {@code e} runs at {@code minimum +
     * (base - minimum) * (1 + cos(pi * e / period)) / 2}, and at {@code minimum} from epoch {@code period} on.
     *
     * @param period epochs from the base rate down to the minimum, usually the number of epochs
     * @param minimum the final learning rate, >= 0
     */
    record Cosine(int period, double minimum) implements LearningRateSchedule {
        public Cosine {
            if (period < 1) {
                throw new IllegalArgumentException("period must be >= 1 epoch, got " + period);
            }
            if (!(minimum >= 0) || !Double.isFinite(minimum)) {
                throw new IllegalArgumentException("minimum must be a finite value >= 0, got " + minimum);
            }
        }

        @Override
        public double rate(double base, int epoch) {
            if (epoch >= period) {
                return minimum;
            }
            return minimum + (base - minimum) * (1 + Math.cos(Math.PI * epoch / period)) / 2;
        }
    }
}
