package org.robustlab.data.lesion.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.robustlab.data.lesion.LesionBenchmarkParameters;

/**
 * Inserts a synthetic lesion into a prepared slice. Every property is drawn from the benchmark's uniform
 * distributions: radius, elongation (the area-preserving ratio of the axes), orientation, lobulation of the
 * outline (the sum of the 2nd to 4th harmonics with random phases), contrast and polarity. The centre is drawn
 * uniformly among body pixels at least one lesion extent away from the background, so the lesion lies inside the
 * body. The lesion changes the intensity by {@code contrast} times the mean of the tissue around it (a ring of 1.5
 * to 3 radii), with a logistic soft edge, so the underlying texture shows through. The mask is where the lesion's
 * weight is at least 1/2.
 */
public final class LesionSynthesizer {

    private static final int HARMONICS = 3;

    private final LesionBenchmarkParameters parameters;

    public LesionSynthesizer(LesionBenchmarkParameters parameters) {
        this.parameters = parameters;
    }

    /**
     * Inserts a lesion into {@code image} in place and writes its mask.
     *
     * @param image a square slice in [0, 1], row by row
     * @param mask receives 1 inside the lesion and 0 elsewhere
     * @return the lesion, or empty when the body has no room for one (the image is then unchanged)
     */
    public Optional<Lesion> insert(float[] image, float[] mask, int size, Random random) {
        double radius = uniform(random, parameters.radiusMin(), parameters.radiusMax()) * size;
        double elongation = uniform(random, 1, parameters.elongationMax());
        double semiMajor = radius * Math.sqrt(elongation);
        double semiMinor = radius / Math.sqrt(elongation);
        double angle = random.nextDouble() * Math.PI;
        double lobulation = uniform(random, 0, parameters.lobulationMax());
        double[] harmonicWeights = new double[HARMONICS];
        double[] harmonicPhases = new double[HARMONICS];
        double weightSum = 0;
        for (int k = 0; k < HARMONICS; k++) {
            harmonicWeights[k] = random.nextDouble();
            harmonicPhases[k] = random.nextDouble() * 2 * Math.PI;
            weightSum += harmonicWeights[k];
        }
        for (int k = 0; k < HARMONICS; k++) {
            harmonicWeights[k] /= Math.max(weightSum, 1e-12);
        }
        double contrast = uniform(random, parameters.contrastMin(), parameters.contrastMax());
        boolean bright = random.nextDouble() < parameters.brightFraction();
        double extent = semiMajor * (1 + lobulation) + 1;
        List<Integer> centres = admissibleCentres(image, size, extent);
        if (centres.isEmpty()) {
            return Optional.empty();
        }
        int pixel = centres.get(random.nextInt(centres.size()));
        double centreX = pixel % size + random.nextDouble() - 0.5;
        double centreY = pixel / size + random.nextDouble() - 0.5;
        Shape shape = new Shape(
                centreX,
                centreY,
                semiMajor,
                semiMinor,
                angle,
                lobulation,
                harmonicWeights,
                harmonicPhases,
                parameters.edgeWidth());
        double surrounding = surroundingMean(image, size, shape);
        double delta = (bright ? 1 : -1) * contrast * surrounding;
        int maskPixels = 0;
        for (int i = 0; i < image.length; i++) {
            double weight = shape.weight(i % size, i / size);
            image[i] = (float) Math.max(0, Math.min(1, image[i] + weight * delta));
            mask[i] = weight >= 0.5 ? 1 : 0;
            maskPixels += (int) mask[i];
        }
        return Optional.of(new Lesion(
                centreX,
                centreY,
                radius,
                semiMajor,
                semiMinor,
                angle,
                lobulation,
                contrast,
                bright,
                surrounding,
                maskPixels));
    }

    /** Returns the body pixels whose whole neighbourhood of radius {@code extent} is body. */
    static List<Integer> admissibleCentres(float[] image, int size, double extent) {
        int reach = (int) Math.ceil(extent);
        List<Integer> centres = new ArrayList<>();
        for (int y = reach; y < size - reach; y++) {
            for (int x = reach; x < size - reach; x++) {
                if (isInside(image, size, x, y, extent, reach)) {
                    centres.add(y * size + x);
                }
            }
        }
        return centres;
    }

    private static boolean isInside(float[] image, int size, int x, int y, double extent, int reach) {
        for (int dy = -reach; dy <= reach; dy++) {
            for (int dx = -reach; dx <= reach; dx++) {
                if (dx * dx + dy * dy <= extent * extent
                        && image[(y + dy) * size + x + dx] < SlicePreparation.BODY_THRESHOLD) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double surroundingMean(float[] image, int size, Shape shape) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < image.length; i++) {
            double distance = shape.normalizedDistance(i % size, i / size);
            if (distance >= 1.5 && distance <= 3 && image[i] >= SlicePreparation.BODY_THRESHOLD) {
                sum += image[i];
                count++;
            }
        }
        return count == 0 ? 0.5 : sum / count;
    }

    private static double uniform(Random random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    /** The outline of a lesion: a rotated ellipse whose radius is modulated by low harmonics. */
    private record Shape(
            double centreX,
            double centreY,
            double semiMajor,
            double semiMinor,
            double angle,
            double lobulation,
            double[] weights,
            double[] phases,
            double edgeWidth) {

        /** Returns the distance from the centre in units of the outline's radius in that direction. */
        double normalizedDistance(double x, double y) {
            double dx = x - centreX;
            double dy = y - centreY;
            double u = (dx * Math.cos(angle) + dy * Math.sin(angle)) / semiMajor;
            double v = (-dx * Math.sin(angle) + dy * Math.cos(angle)) / semiMinor;
            double rho = Math.sqrt(u * u + v * v);
            double phi = Math.atan2(v, u);
            double outline = 1;
            for (int k = 0; k < weights.length; k++) {
                outline += lobulation * weights[k] * Math.cos((k + 2) * phi + phases[k]);
            }
            return rho / outline;
        }

        /** Returns the lesion's weight at a pixel: 1 inside, falling logistically to 0 across the edge. */
        double weight(double x, double y) {
            double distance = normalizedDistance(x, y);
            double steepness = edgeWidth / 4;
            return 1 / (1 + Math.exp((distance - 1) / steepness));
        }
    }
}
