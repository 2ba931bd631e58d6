package org.mailtrace.server;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories of the data directory are the service account's alone: directories 0700,
 * files 0600, whatever the umask says. Traces, reports, saved searches and the audit log are
 * personal data; a report CSV readable by every local user would undo the roles and scopes that
 * guarded it. Lucene's own index files follow the umask, which is why the data directory itself is
 * kept at 0700 ({@link #restrictDataDirectory}). On file systems without POSIX permissions these
 * calls create plainly.
 */
public final class PrivateFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates the directory and any missing parents as 0700; an existing directory is left as it is. */
    public static Path directories(Path dir) throws IOException {
        return POSIX ? Files.createDirectories(dir, attribute(DIR)) : Files.createDirectories(dir);
    }

    /** Creates an empty file at mode 0600, replacing any file already there. */
    public static Path newFile(Path file) throws IOException {
        Files.deleteIfExists(file);
        return POSIX ? Files.createFile(file, attribute(FILE)) : Files.createFile(file);
    }

    /**
     * Creates the data directory (0700) or takes group and other permissions away from an existing
     * one. Returns true when an existing directory had to be tightened, so the caller can say so.
     */
    public static boolean restrictDataDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            directories(dir);
            return false;
        }
        if (!POSIX) {
            return false;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
        if (now.equals(DIR)) {
            return false;
        }
        Files.setPosixFilePermissions(dir, DIR);
        return true;
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> p) {
        return PosixFilePermissions.asFileAttribute(p);
    }
}
