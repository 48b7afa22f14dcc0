package org.robustlab.training;

/**
 * Stops training when the validation loss has not improved for a number of epochs; the weights of the best epoch
 * are kept in the run folder.
 *
 * @param patience epochs without improvement before the run stops
 * @param minimumImprovement how much lower than the best so far a validation loss must be to count as improved
 */
public record EarlyStopping(int patience, double minimumImprovement) {

    public EarlyStopping {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1 epoch, got " + patience);
        }
        if (!(minimumImprovement >= 0) || !Double.isFinite(minimumImprovement)) {
            throw new IllegalArgumentException(
                    "minimumImprovement must be a finite value >= 0, got " + minimumImprovement);
        }
    }
}
