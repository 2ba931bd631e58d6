package org.mailtrace.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import org.mailtrace.json.TraceJson;
import org.mailtrace.server.PrivateFiles;

/**
 * Users in {@code DIR/users.json}, readable only by the service account (mode 600). Every change
 * rewrites the file through a temporary file, fsync and an atomic rename, so a crash leaves either
 * the old or the new file, never half of one. Users are kept in memory and re-read whenever the
 * file's modification time or size changes, so {@code mailtrace user add} works while the server runs.
 */
public final class JsonFileUserStore implements UserStore {
    private static final ObjectMapper JSON = TraceJson.mapper();

    private final Path file;
    private final Map<String, User> users = new TreeMap<>();
    private String loadedVersion = "";

    public JsonFileUserStore(Path file) {
        this.file = file;
        refresh();
    }

    /** Re-reads the file when another process (the CLI) changed it. */
    private synchronized void refresh() {
        String version;
        try {
            version = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot stat the user file: " + e.getMessage(), e);
        }
        if (version.equals(loadedVersion)) {
            return;
        }
        Map<String, User> read = new TreeMap<>();
        if (Files.exists(file)) {
            try {
                UsersFile loaded = JSON.readValue(file.toFile(), UsersFile.class);
                for (User u : loaded.users() == null ? List.<User>of() : loaded.users()) {
                    read.put(u.name(), u);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read the user file (" + e.getMessage()
                        + "); restore it from a backup or move it away to start with no users", e);
            }
        }
        users.clear();
        users.putAll(read);
        loadedVersion = version;
    }

    @Override
    public synchronized List<User> list() {
        refresh();
        return List.copyOf(users.values());
    }

    @Override
    public synchronized Optional<User> find(String name) {
        refresh();
        try {
            return Optional.ofNullable(users.get(User.normalizeName(name)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized Optional<TokenOwner> findByTokenHash(String sha256) {
        refresh();
        for (User u : users.values()) {
            for (ApiToken t : u.tokens()) {
                if (t.sha256().equals(sha256)) {
                    return Optional.of(new TokenOwner(u, t));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void create(User user) {
        refresh();
        if (users.containsKey(user.name())) {
            throw new IllegalStateException("user " + user.name() + " already exists");
        }
        Map<String, User> next = new TreeMap<>(users);
        next.put(user.name(), user);
        persist(next);
    }

    @Override
    public synchronized void update(User user) {
        refresh();
        if (!users.containsKey(user.name())) {
            throw new NoSuchElementException("user " + user.name() + " does not exist");
        }
        Map<String, User> next = new TreeMap<>(users);
        next.put(user.name(), user);
        persist(next);
    }

    @Override
    public synchronized boolean delete(String name) {
        Optional<User> u = find(name);
        if (u.isEmpty()) {
            return false;
        }
        Map<String, User> next = new TreeMap<>(users);
        next.remove(u.get().name());
        persist(next);
        return true;
    }

    /** Writes the new state, then adopts it: memory changes only when the file did. */
    private void persist(Map<String, User> next) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            PrivateFiles.directories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(tmp);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(tmp);
            }
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new UsersFile(1, new ArrayList<>(next.values())));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the user file: " + e.getMessage(), e);
        }
        users.clear();
        users.putAll(next);
        try {
            loadedVersion = Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (IOException e) {
            loadedVersion = "";
        }
    }

    /** The file's shape; {@code version} lets a later release migrate it. */
    record UsersFile(int version, List<User> users) {
    }
}
