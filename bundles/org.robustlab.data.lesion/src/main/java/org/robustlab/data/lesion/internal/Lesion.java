package org.robustlab.data.lesion.internal;

/**
 * One synthetic lesion as drawn, in pixels of the target image, recorded so that every lesion can be reproduced
 * and analysed.
 *
 * @param centreX column of the centre
 * @param centreY row of the centre
 * @param radius the radius drawn, before elongation
 * @param semiMajor the long semi-axis
 * @param semiMinor the short semi-axis
 * @param angle orientation of the long axis, in radians from the x axis
 * @param lobulation amplitude of the outline's lobulation, relative to the radius
 * @param contrast the drawn contrast, relative to the mean of the surrounding tissue
 * @param bright whether the lesion is brighter than its surroundings
 * @param surroundingMean mean intensity of the tissue around the lesion, in [0, 1]
 * @param maskPixels pixels inside the lesion mask
 */
public record Lesion(
        double centreX,
        double centreY,
        double radius,
        double semiMajor,
        double semiMinor,
        double angle,
        double lobulation,
        double contrast,
        boolean bright,
        double surroundingMean,
        int maskPixels) {}
