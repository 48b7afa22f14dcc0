package org.robustlab.training.internal;

import java.util.List;

import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.training.TrainingModes;
import org.robustlab.training.TrainingRequest;

/**
 * A checked request with the services and data its run uses.
 *
 * @param request the request
 * @param modes the training-mode registry
 * @param attacks the attack registry, for modes that generate adversarial images
 * @param source batches of the request's dataset
 * @param trainIndices the training split
 * @param validationIndices the validation split, possibly empty
 */
record RunSetup(
        TrainingRequest request,
        TrainingModes modes,
        AttackGenerators attacks,
        BatchSource source,
        List<Integer> trainIndices,
        List<Integer> validationIndices) {}
