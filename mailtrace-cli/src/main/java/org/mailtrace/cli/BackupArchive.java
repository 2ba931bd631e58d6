package org.mailtrace.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.mailtrace.json.TraceJson;
import org.mailtrace.server.PrivateFiles;
import org.mailtrace.store.lucene.CommitCopy;

/**
 * The backup file: a zip of {@code data/<path>} entries and the {@link BackupManifest} (written last,
 * once every checksum is known). Written to {@code FILE.part} and renamed when complete, so FILE is
 * either a whole backup or absent; read back entry by entry against the manifest's sizes and SHA-256.
 */
final class BackupArchive {
    private BackupArchive() {
    }

    /** Zips the staged data files and the manifest into {@code file} (mode 600); returns the manifest. */
    static BackupManifest write(Path staging, List<String> paths, BackupManifest header, Path file) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        List<BackupManifest.Entry> entries = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(PrivateFiles.newFile(part), StandardOpenOption.WRITE);
             ZipOutputStream zip = new ZipOutputStream(java.nio.channels.Channels.newOutputStream(channel))) {
            // Index files are already compressed: the fastest level saves CPU for little size.
            zip.setLevel(Deflater.BEST_SPEED);
            for (String path : paths) {
                zip.putNextEntry(new ZipEntry(BackupManifest.DATA + path));
                MessageDigest sha = sha256();
                long size;
                try (InputStream in = new DigestInputStream(Files.newInputStream(staging.resolve(path)), sha)) {
                    size = in.transferTo(zip);
                }
                zip.closeEntry();
                entries.add(new BackupManifest.Entry(path, size, HexFormat.of().formatHex(sha.digest())));
            }
            BackupManifest manifest = new BackupManifest(header.backupFormat(), header.mailtraceVersion(), header.created(),
                    header.source(), header.storeFormat(), header.storeCommit(), header.checkpoint(), List.copyOf(entries));
            zip.putNextEntry(new ZipEntry(BackupManifest.NAME));
            zip.write(TraceJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            zip.closeEntry();
            zip.finish();
            zip.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return readManifest(file);
    }

    /** The manifest of a backup file, refused when this build cannot restore it. */
    static BackupManifest readManifest(Path file) throws IOException {
        try (ZipFile zip = open(file)) {
            return manifestOf(zip, file);
        }
    }

    /**
     * Extracts every file the manifest lists into {@code target} (an empty directory), checking each
     * one's size and SHA-256, and refusing entries the manifest does not list or paths that would
     * leave the directory. Returns the manifest.
     */
    static BackupManifest extract(Path file, Path target) throws IOException {
        return readAll(file, target);
    }

    /** Reads every entry back against the manifest without writing anything: the check after a backup. */
    static BackupManifest verify(Path file) throws IOException {
        return readAll(file, null);
    }

    private static BackupManifest readAll(Path file, Path target) throws IOException {
        try (ZipFile zip = open(file)) {
            BackupManifest manifest = manifestOf(zip, file);
            Map<String, BackupManifest.Entry> listed = new HashMap<>();
            for (BackupManifest.Entry e : manifest.files()) {
                listed.put(BackupManifest.DATA + e.path(), e);
            }
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                String name = all.nextElement().getName();
                if (!name.equals(BackupManifest.NAME) && !listed.containsKey(name)) {
                    throw damaged(file, "entry " + name + " is not in the manifest");
                }
            }
            for (BackupManifest.Entry e : manifest.files()) {
                ZipEntry entry = zip.getEntry(BackupManifest.DATA + e.path());
                if (entry == null) {
                    throw damaged(file, e.path() + " is in the manifest but missing from the file");
                }
                MessageDigest sha = sha256();
                long size;
                try (InputStream in = new DigestInputStream(zip.getInputStream(entry), sha);
                     OutputStream out = target == null ? OutputStream.nullOutputStream() : create(file, target, e.path())) {
                    size = in.transferTo(out);
                }
                String sum = HexFormat.of().formatHex(sha.digest());
                if (size != e.size() || !sum.equals(e.sha256())) {
                    throw damaged(file, e.path() + " has " + size + " bytes with SHA-256 " + sum + ", the manifest says "
                            + e.size() + " bytes with " + e.sha256());
                }
            }
            return manifest;
        }
    }

    private static OutputStream create(Path file, Path target, String path) throws IOException {
        Path to = target.resolve(path).normalize();
        if (!to.startsWith(target) || path.startsWith("/") || path.contains("\\")) {
            throw damaged(file, "entry path " + path + " leaves the data directory");
        }
        PrivateFiles.directories(to.getParent());
        return Files.newOutputStream(PrivateFiles.newFile(to));
    }

    private static BackupManifest manifestOf(ZipFile zip, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(BackupManifest.NAME);
        if (entry == null) {
            throw new IllegalArgumentException(file + " is not a mailtrace backup (no " + BackupManifest.NAME
                    + "); give a file written by 'mailtrace backup --to FILE'");
        }
        BackupManifest m;
        try (InputStream in = zip.getInputStream(entry)) {
            m = TraceJson.mapper().readValue(in, BackupManifest.class);
        }
        if (m.backupFormat() > BackupManifest.FORMAT || m.storeFormat() > CommitCopy.STORE_FORMAT) {
            throw new IllegalArgumentException(file + ": made by mailtrace " + m.mailtraceVersion() + " (backup format "
                    + m.backupFormat() + ", store format " + m.storeFormat() + "); this mailtrace (" + Version.number()
                    + ") restores backup format " + BackupManifest.FORMAT + " and store format " + CommitCopy.STORE_FORMAT
                    + " or older: restore it with mailtrace " + m.mailtraceVersion() + " or newer");
        }
        if (m.files() == null) {
            throw damaged(file, "the manifest lists no files");
        }
        return m;
    }

    private static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException(file + " is not a mailtrace backup (not a zip file: " + e.getMessage()
                    + "); give a file written by 'mailtrace backup --to FILE'");
        }
    }

    private static IOException damaged(Path file, String what) {
        return new IOException(file + ": the backup is damaged: " + what
                + "; nothing was restored: use another backup (or copy this one again if it was truncated in transfer)");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
