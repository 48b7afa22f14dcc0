package org.robustlab.core.training;

import java.util.Random;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.robustlab.core.attack.AttackGenerators;

/**
 * The setting a training mode prepares batches in.
 *
 * @param attacks the attack registry, for modes that generate adversarial images
 * @param minValue smallest valid pixel value
 * @param maxValue largest valid pixel value
 * @param random the run's random source for noise and random starts; advanced in a fixed order, so a run
 *     resumed from a checkpoint with its saved state reproduces the same draws
 * @param monitor progress and cancellation; {@code null} means none
 */
public record TrainingModeContext(
        AttackGenerators attacks, double minValue, double maxValue, Random random, IProgressMonitor monitor) {

    public TrainingModeContext {
        monitor = monitor == null ? new NullProgressMonitor() : monitor;
    }
}
