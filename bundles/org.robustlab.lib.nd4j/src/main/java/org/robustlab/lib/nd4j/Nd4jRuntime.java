package org.robustlab.lib.nd4j;

import java.lang.management.ManagementFactory;
import java.util.Properties;

/**
 * Off-heap memory settings of the embedded ND4J runtime.
 *
 * <p>ND4J keeps its arrays outside the Java heap and frees them only when their Java objects are garbage
 * collected, so without limits a training loop can grow to many gigabytes before a collection runs. JavaCPP
 * enforces two limits, read once when its {@code Pointer} class initialises:
 * <ul>
 *   <li>{@value #MAX_BYTES}: off-heap bytes that ND4J may allocate; past it JavaCPP first runs the garbage
 *       collector and then throws {@code OutOfMemoryError}. Default: {@value #DEFAULT_MAX_BYTES_GIB} GiB.</li>
 *   <li>{@value #MAX_PHYSICAL_BYTES}: resident set size of the whole process (heap included). Default: the
 *       off-heap limit plus the maximum heap plus {@value #DEFAULT_OVERHEAD_GIB} GiB for native libraries and
 *       caches, capped at 90% of physical memory.</li>
 * </ul>
 * A value set on the command line ({@code -D}) always wins over these defaults.
 */
public final class Nd4jRuntime {

    /** JavaCPP system property for the off-heap allocation limit. */
    public static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";

    /** JavaCPP system property for the limit on the resident set size of the process. */
    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";

    static final long DEFAULT_MAX_BYTES_GIB = 4;

    static final long DEFAULT_OVERHEAD_GIB = 2;

    private static final long GIB = 1L << 30;

    private Nd4jRuntime() {}

    /**
     * Sets the JavaCPP memory limits in {@code properties} unless they are already present.
     *
     * @param properties the system properties to complete
     * @param maxHeapBytes the maximum Java heap of this JVM, in bytes
     */
    public static void applyMemoryDefaults(Properties properties, long maxHeapBytes) {
        long maxBytes = parseBytes(properties.getProperty(MAX_BYTES), DEFAULT_MAX_BYTES_GIB * GIB);
        properties.putIfAbsent(MAX_BYTES, Long.toString(maxBytes));
        long physical = maxBytes + maxHeapBytes + DEFAULT_OVERHEAD_GIB * GIB;
        long totalMemory = physicalMemoryBytes();
        if (totalMemory > 0) {
            physical = Math.min(physical, totalMemory / 10 * 9);
        }
        properties.putIfAbsent(MAX_PHYSICAL_BYTES, Long.toString(physical));
    }

    /** Returns the off-heap allocation limit in effect, in bytes. */
    public static long maxBytes() {
        return parseBytes(System.getProperty(MAX_BYTES), DEFAULT_MAX_BYTES_GIB * GIB);
    }

    /** Returns the resident-set-size limit in effect, in bytes, or 0 when none is set. */
    public static long maxPhysicalBytes() {
        return parseBytes(System.getProperty(MAX_PHYSICAL_BYTES), 0);
    }

    /**
     * Parses a JavaCPP size such as {@code 4g}, {@code 512m}, {@code 100k} or a plain byte count.
     *
     * @throws IllegalArgumentException when the value is not a size
     */
    public static long parseBytes(String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String text = value.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        char last = text.charAt(text.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g' || last == 't') {
            unit = switch (last) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                default -> 1L << 40;
            };
            text = text.substring(0, text.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(text), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "Invalid memory size '" + value + "': expected a byte count with an optional k, m, g or t suffix",
                    e);
        }
    }

    /**
     * Checks that this installation carries ND4J native libraries for the running platform.
     *
     * @throws IllegalStateException naming the platform and the fix when it does not
     */
    public static void requireSupportedPlatform() {
        String problem = unsupportedPlatformProblem(System.getProperty("os.name"), System.getProperty("os.arch"));
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /**
     * Returns why ND4J cannot run on the given platform, or {@code null} when this installation supports it. The
     * bundle embeds only the linux-x86_64 native libraries (oneDNN build).
     */
    public static String unsupportedPlatformProblem(String osName, String osArch) {
        String os = osName == null ? "" : osName.toLowerCase(java.util.Locale.ROOT);
        String arch = osArch == null ? "" : osArch.toLowerCase(java.util.Locale.ROOT);
        boolean linux = os.startsWith("linux");
        boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
        if (linux && x86) {
            return null;
        }
        return "No native ND4J backend for " + osName + "/" + osArch + " in this installation: it carries the"
                + " linux-x86_64 libraries only. Build Robustlab from source with -Djavacpp.platform=<platform>"
                + " (for example macosx-arm64) and the matching nd4j-native classifier, or run on Linux x86-64.";
    }

    private static long physicalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }
}
