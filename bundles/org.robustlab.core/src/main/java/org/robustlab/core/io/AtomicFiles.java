package org.robustlab.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes files so that readers see either the old or the complete new content, never a partial file, and
 * checks them against a SHA-256 sidecar file ({@code <name>.sha256}).
 */
public final class AtomicFiles {

    /** Writes content to a stream; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Writer {
        /** Writes the content. */
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes {@code target} through a temporary file in the same folder that is flushed to disk and then
     * moved into place, followed by its checksum file.
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + target.getFileName(), ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE)) {
                writer.write(out);
            }
            force(temporary);
            String checksum = sha256(temporary);
            move(temporary, target);
            Path sidecar = checksumFile(target);
            Path sidecarTemporary = Files.createTempFile(folder, "." + sidecar.getFileName(), ".partial");
            Files.writeString(sidecarTemporary, checksum + "  " + target.getFileName() + "\n", StandardCharsets.UTF_8);
            force(sidecarTemporary);
            move(sidecarTemporary, sidecar);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Returns whether {@code file} exists and matches its checksum file.
     *
     * @throws IOException when reading fails
     */
    public static boolean verify(Path file) throws IOException {
        Path sidecar = checksumFile(file);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(sidecar)) {
            return false;
        }
        String expected =
                Files.readString(sidecar, StandardCharsets.UTF_8).strip().split("\\s+")[0];
        return expected.equals(sha256(file));
    }

    /** Returns the path of the checksum file of {@code file}. */
    public static Path checksumFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".sha256");
    }

    /** Returns the SHA-256 of a file's content as lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Returns a new SHA-256 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
