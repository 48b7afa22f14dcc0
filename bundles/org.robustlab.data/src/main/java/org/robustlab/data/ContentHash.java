package org.robustlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.io.AtomicFiles;

/**
 * The content hash of an import: SHA-256 over the cache format version, the importer id and parameters, the
 * preprocessing request (size, channels, seed, split fractions) and the path (relative to the source) and
 * content of every source file. Equal hashes mean equal tensors.
 */
final class ContentHash {

    /** Changes whenever the cache layout or the preprocessing changes, so old caches are not reused. */
    private static final String FORMAT = "robustlab-dataset-cache/1";

    private ContentHash() {}

    static String of(String importerId, Map<String, Object> parameters, ImportRequest request, List<Path> files)
            throws IOException {
        MessageDigest digest = AtomicFiles.newDigest();
        update(digest, FORMAT);
        update(digest, importerId);
        update(digest, new TreeMap<>(parameters).toString());
        update(digest, request.height() + "x" + request.width() + "x" + request.channels());
        update(digest, request.seed() + "/" + request.validationFraction() + "/" + request.testFraction());
        Path root = Files.isDirectory(request.source())
                ? request.source()
                : request.source().getParent();
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(null);
        byte[] buffer = new byte[1 << 16];
        for (Path file : sorted) {
            update(
                    digest,
                    root == null
                            ? file.toString()
                            : root.relativize(file.toAbsolutePath()).toString());
            try (InputStream in = Files.newInputStream(file)) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    digest.update(buffer, 0, read);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
