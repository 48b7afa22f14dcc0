package org.robustlab.data.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustlab.data.dicom.DicomReadException.Reason;
import org.robustlab.data.dicom.internal.PixelMedDicomReader;

/**
 * Mutates real sample files (truncation, bit flips, huge or wrong lengths, zeroed and repeated chunks) and checks
 * that every case decodes or is rejected with {@link DicomReadException} within a time limit, without any other
 * exception, error or memory growth. The default run takes a seeded slice; the benchmark run 10,000 cases.
 */
class FuzzTest {

    private static final List<String> SEEDS = List.of(
            "pydicom/MR_small.dcm",
            "pydicom/MR_small_RLE.dcm",
            "pydicom/MR_small_bigendian.dcm",
            "pydicom/MR_small_implicit.dcm",
            "pydicom/MR_small_jp2klossless.dcm",
            "pydicom/CT_small.dcm",
            "pydicom/SC_rgb_rle.dcm",
            "pydicom/SC_rgb_jpeg_dcmtk.dcm",
            "pydicom/SC_rgb_jpeg_gdcm.dcm",
            "pydicom/SC_jpeg_no_color_transform.dcm",
            "pydicom/SC_ybr_full_422_uncompressed.dcm",
            "pydicom/JPEG2000.dcm",
            "pydicom/rtdose.dcm",
            "pydicom/image_dfl.dcm",
            "pydicom/dicomdirtests/77654033/CR1/6154",
            "octave-dicom/simple-test.dcm");

    /** Maximum time of one case; decoding the largest seed takes well under a second. */
    private static final long TIME_LIMIT_SECONDS = 20;

    /** The largest decoded image allowed during fuzzing, so that huge declared sizes fail fast. */
    private static final long MAX_DECODED_BYTES = 64L << 20;

    @TempDir
    Path folder;

    @Test
    void seededSliceDecodesOrRejects() throws Exception {
        run(200, 20261204L);
    }

    /**
     * Sets four bytes of a packet header to FF FF FF 00, which once made JJ2000's packet-header reader return bits
     * of 1 without end, so the case ran into the time limit.
     */
    @Test
    void corruptJpeg2000PacketHeaderIsRejected() throws Exception {
        byte[] bytes = Files.readAllBytes(TestData.file("pydicom/JPEG2000.dcm"));
        int codestream = indexOf(bytes, new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51});
        byte[] damage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x00};
        System.arraycopy(damage, 0, bytes, codestream + 184, damage.length);
        Path file = Files.write(folder.resolve("packet-header.dcm"), bytes);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Reason reason = decodeOne(executor, new PixelMedDicomReader(), file, "damaged JPEG2000.dcm");

            assertThat(reason).isEqualTo(Reason.CORRUPT);
        } finally {
            executor.shutdownNow();
        }
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    @Tag("benchmark")
    void tenThousandCasesDecodeOrReject() throws Exception {
        run(10_000, 1L);
    }

    private void run(int cases, long seed) throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (String key : SEEDS) {
            seeds.add(Files.readAllBytes(TestData.file(key)));
        }
        DicomReader reader = new PixelMedDicomReader(MAX_DECODED_BYTES);
        Random random = new Random(seed);
        Map<Reason, Integer> rejected = new EnumMap<>(Reason.class);
        int decoded = 0;
        long heapBefore = usedHeapAfterGc();
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fuzz-case");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int i = 0; i < cases; i++) {
                int source = random.nextInt(seeds.size());
                Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
                byte[] bytes = mutation.apply(seeds.get(source), random);
                Path file = Files.write(folder.resolve("case.dcm"), bytes);
                String name = "case " + i + " (" + mutation + " of " + SEEDS.get(source) + ")";
                Reason reason = decodeOne(executor, reader, file, name);
                if (reason == null) {
                    decoded++;
                } else {
                    rejected.merge(reason, 1, Integer::sum);
                }
            }
        } finally {
            executor.shutdownNow();
        }
        long growth = usedHeapAfterGc() - heapBefore;
        System.out.printf(
                "Fuzz: %d cases, %d decoded, rejected %s, heap growth %d MiB%n",
                cases, decoded, rejected, growth >> 20);
        assertThat(decoded
                        + rejected.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(cases);
        assertThat(growth).isLessThan(256L << 20);
    }

    /** Returns null when the case decoded, else the reason it was rejected; fails on anything else. */
    private static Reason decodeOne(ExecutorService executor, DicomReader reader, Path file, String name)
            throws InterruptedException {
        Future<Reason> future = executor.submit(() -> {
            try {
                DicomImage image = reader.read(file);
                for (int frame = 0; frame < image.frameCount(); frame++) {
                    image.toTensor(frame, 1);
                }
                return null;
            } catch (DicomReadException e) {
                assertThat(e.getMessage()).as(name).contains(file.getFileName().toString());
                return e.reason();
            }
        });
        try {
            return future.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError(name + " took more than " + TIME_LIMIT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            throw new AssertionError(name + " failed with " + e.getCause(), e.getCause());
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Ways to damage a file. */
    private enum Mutation {
        TRUNCATE {
            @Override
            byte[] apply(byte[] bytes, Random random) {
                return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
        },
        FLIP_BITS {
            @Override
            byte[] apply(byte[] bytes, Random random) {
                byte[] copy = bytes.clone();
                for (int i = 1 + random.nextInt(16); i > 0; i--) {
                    copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return copy;
            }
        },
        HUGE_VALUE {
            @Override
            byte[] apply(byte[] bytes, Random random) {
                byte[] copy = bytes.clone();
                int[] values = {0xFFFFFFFF, 0x7FFFFFFF, 0xFFFFFFF0, 0x00FFFFFF, 0x80000000, 0};
                int value = values[random.nextInt(values.length)];
                int at = random.nextInt(Math.max(1, copy.length - 4));
                for (int b = 0; b < 4 && at + b < copy.length; b++) {
                    copy[at + b] = (byte) (value >>> (8 * b));
                }
                return copy;
            }
        },
        WRONG_PIXEL_MODULE {
            @Override
            byte[] apply(byte[] bytes, Random random) {
                byte[] copy = bytes.clone();
                for (int at = 0; at + 10 < copy.length; at++) {
                    if (copy[at] == 0x28
                            && copy[at + 1] == 0
                            && (copy[at + 2] & 0xff) <= 0x03
                            && copy[at + 3] == 0x01
                            && random.nextInt(3) == 0) {
                        copy[at + 8] = (byte) random.nextInt(256);
                        copy[at + 9] = (byte) random.nextInt(256);
                    }
                }
                return copy;
            }
        },
        ZERO_CHUNK {
            @Override
            byte[] apply(byte[] bytes, Random random) {
                byte[] copy = bytes.clone();
                int at = random.nextInt(copy.length);
                java.util.Arrays.fill(copy, at, Math.min(copy.length, at + 1 + random.nextInt(256)), (byte) 0);
                return copy;
            }
        },
        REPEAT_CHUNK {
            @Override
            byte[] apply(byte[] bytes, Random random) {
                int at = random.nextInt(bytes.length);
                int length = Math.min(bytes.length - at, 1 + random.nextInt(512));
                byte[] copy = new byte[bytes.length + length];
                System.arraycopy(bytes, 0, copy, 0, at + length);
                System.arraycopy(bytes, at, copy, at + length, bytes.length - at);
                return copy;
            }
        };

        abstract byte[] apply(byte[] bytes, Random random) throws IOException;
    }
}
