package besa.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that hold keys and must live outside the database: where they go by default, and how they
 * are created (readable by the owner only, written whole or not at all, never replacing a key).
 */
public final class SecretFiles {
    private static Path ephemeralDir;

    private SecretFiles() {}

    /**
     * The folder for key files: {@code dataDir}, or with an ephemeral database (tests) one temporary
     * folder per JVM, since keys for a database that is thrown away mean nothing later and every
     * Spring context of the JVM shares that database.
     */
    public static Path baseDir(Path dataDir, boolean ephemeral) {
        return ephemeral ? ephemeralDir() : dataDir;
    }

    private static synchronized Path ephemeralDir() {
        if (ephemeralDir == null) {
            try {
                ephemeralDir = Files.createTempDirectory("besa-keys");
            } catch (IOException e) {
                throw new UncheckedIOException("could not create a temporary folder for the key files", e);
            }
        }
        return ephemeralDir;
    }

    /** Creates the folder of {@code file}, if missing, with permissions 0700; returns it. */
    public static Path createFolderFor(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return dir;
    }

    /**
     * Writes a new file with permissions 0600 (its folder, if created, 0700). Written to a temporary
     * file first and moved into place, so a crash leaves no half key; fails if the file exists.
     */
    public static void createOwnerOnly(Path file, String content) throws IOException {
        Path dir = createFolderFor(file);
        Path tmp = Files.createTempFile(dir, ".key", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, content);
            Files.move(tmp, file); // never replaces an existing key
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
