package org.robustlab.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.robustlab.core.data.ImportRequest;

/**
 * Builds the small layout fixtures of the importer tests in a temporary folder. Their pixel content is synthetic
 * (flat grey levels); only the file layouts follow the public datasets.
 */
final class Fixtures {

    private Fixtures() {}

    /** Writes a flat grey 8-bit image in the format of the file extension (png or jpg). */
    static Path greyImage(Path file, int height, int width, int level) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, level);
            }
        }
        try {
            Files.createDirectories(file.getParent());
            String name = file.getFileName().toString();
            ImageIO.write(image, name.substring(name.lastIndexOf('.') + 1), file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a text file, creating its folder. */
    static Path text(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a request for {@code size x size} grey images with 25% validation and no test fraction. */
    static ImportRequest request(Path source, Path cache, int size) {
        return new ImportRequest(source, cache, size, size, 1, 3, 0.25, 0, new NullProgressMonitor());
    }

    /** Returns the Fashion-MNIST folder fetched by releng/scripts/fetch-test-data.sh. */
    static Path fashionMnist() {
        String property = System.getProperty("robustlab.test.data");
        String environment = System.getenv("ROBUSTLAB_TEST_DATA");
        Path root = property != null
                ? Path.of(property)
                : environment != null
                        ? Path.of(environment)
                        : Path.of(System.getProperty("user.home"), ".cache", "robustlab", "test-data");
        return root.resolve("fashion-mnist/usr/share/datasets/fashion-mnist");
    }

    /** Returns a registered service, waiting up to 10 s for Declarative Services. */
    static <T> T service(Class<T> type, java.util.function.Predicate<T> filter) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(Fixtures.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                Object[] services = tracker.getServices();
                if (services != null) {
                    for (Object service : services) {
                        if (filter.test(type.cast(service))) {
                            return type.cast(service);
                        }
                    }
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("No " + type.getSimpleName() + " service matched within 10 s");
        } finally {
            tracker.close();
        }
    }
}
