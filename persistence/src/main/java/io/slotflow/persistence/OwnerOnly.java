package io.slotflow.persistence;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories only their owner may read: the state directory, the journal and the
 * session logs hold what sessions print, which may be secret. Directories are created 0700 and
 * files 0600, from the start (a file made readable first and restricted later could be opened in
 * between). A directory that already exists keeps its permissions: Slotflow never narrows a
 * directory it did not create (a {@code --state-dir} may be a shared one).
 */
public final class OwnerOnly {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /** Creates a directory and its missing parents, each 0700; an existing one is left as it is. */
    public static Path createDirectories(Path directory) throws IOException {
        return POSIX ? Files.createDirectories(directory, attribute(DIRECTORY)) : Files.createDirectories(directory);
    }

    /** Opens a file for writing, created 0600 (or emptied, and made 0600, if it exists). */
    public static OutputStream newOutputStream(Path file) throws IOException {
        if (!POSIX) {
            return Files.newOutputStream(file);
        }
        OutputStream out = Channels.newOutputStream(Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), attribute(FILE)));
        Files.setPosixFilePermissions(file, FILE);
        return out;
    }

    /** Creates an empty file 0600 if it is missing; makes an existing one 0600. */
    public static void restrictFile(Path file) throws IOException {
        if (!POSIX) {
            return;
        }
        if (Files.notExists(file)) {
            Files.createFile(file, attribute(FILE));
        } else {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /** Makes a file 0600 if it exists (one another process may delete at any moment). */
    public static void restrictIfPresent(Path file) throws IOException {
        if (!POSIX) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, FILE);
        } catch (NoSuchFileException gone) {
            // nothing to restrict
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
