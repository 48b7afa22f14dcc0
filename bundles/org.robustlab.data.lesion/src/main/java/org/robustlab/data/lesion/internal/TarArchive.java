package org.robustlab.data.lesion.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import org.robustlab.core.data.DatasetException;

/**
 * Reads regular files from a gzip-compressed tar archive in the POSIX ustar or GNU format (512-byte headers with
 * octal sizes), as InVesalius writes its {@code .inv3} projects.
 */
final class TarArchive {

    private static final int BLOCK = 512;

    private static final long MAX_ENTRY_BYTES = 1L << 30;

    private TarArchive() {}

    /** Returns the content of every regular file whose name matches {@code wanted}, keyed by name. */
    static Map<String, byte[]> read(Path file, Predicate<String> wanted) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            while (readFully(in, header)) {
                if (isZero(header)) {
                    break;
                }
                String name = field(header, 345, 155).isEmpty()
                        ? field(header, 0, 100)
                        : field(header, 345, 155) + "/" + field(header, 0, 100);
                long size = octal(file, header, 124, 12);
                char type = (char) header[156];
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                if ((type == '0' || type == 0) && wanted.test(name)) {
                    entries.put(name, content(file, in, name, size));
                    skip(file, in, padded - size);
                } else {
                    skip(file, in, padded);
                }
            }
        }
        return entries;
    }

    private static byte[] content(Path file, InputStream in, String name, long size) throws IOException {
        if (size > MAX_ENTRY_BYTES) {
            throw new DatasetException(
                    file,
                    "entry " + name + " declares " + size + " bytes, more than the " + MAX_ENTRY_BYTES
                            + " this reader accepts");
        }
        byte[] data = new byte[(int) size];
        if (!readFully(in, data)) {
            throw new DatasetException(file, "entry " + name + " is truncated; the archive is incomplete");
        }
        return data;
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int read = 0;
        while (read < buffer.length) {
            int n = in.read(buffer, read, buffer.length - read);
            if (n < 0) {
                return false;
            }
            read += n;
        }
        return true;
    }

    private static void skip(Path file, InputStream in, long count) throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new DatasetException(file, "the tar archive ends inside an entry");
            }
            left -= n;
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8).trim();
    }

    private static long octal(Path file, byte[] header, int offset, int length) {
        String text = field(header, offset, length);
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new DatasetException(file, "invalid tar header: size field '" + text + "' is not octal", e);
        }
    }
}
