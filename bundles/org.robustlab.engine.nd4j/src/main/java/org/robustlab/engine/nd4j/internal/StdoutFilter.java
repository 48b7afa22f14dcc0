package org.robustlab.engine.nd4j.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Drops the "Added differentiated op ..." lines that SameDiff 1.0.0-M2.1 prints to {@link System#out} for every
 * op while it builds a gradient function (hundreds of lines per ResNet graph); every other line passes through
 * unchanged.
 */
final class StdoutFilter extends OutputStream {

    private static final byte[] CHATTER = "Added differentiated op".getBytes(StandardCharsets.US_ASCII);

    private static final Object LOCK = new Object();

    private final PrintStream target;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private StdoutFilter(PrintStream target) {
        this.target = target;
    }

    /** Runs {@code action} with SameDiff's chatter removed from standard output. */
    static void runQuietly(Runnable action) {
        synchronized (LOCK) {
            PrintStream original = System.out;
            StdoutFilter filter = new StdoutFilter(original);
            System.setOut(new PrintStream(filter, true));
            try {
                action.run();
            } finally {
                System.setOut(original);
                filter.flushLine();
            }
        }
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            flushLine();
        }
    }

    private synchronized void flushLine() {
        byte[] bytes = line.toByteArray();
        line.reset();
        boolean chatter =
                bytes.length >= CHATTER.length && Arrays.equals(bytes, 0, CHATTER.length, CHATTER, 0, CHATTER.length);
        if (bytes.length > 0 && !chatter) {
            target.write(bytes, 0, bytes.length);
            target.flush();
        }
    }
}
