package org.mailtrace.source;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.PatternSyntaxException;

/**
 * A directory holding one mail log and its rotations ({@code /var/log} with {@code mail.log*}), and
 * which of its files to read in which order ({@link RotatedName} has the rules).
 *
 * <p>The pattern must select one log: the first scan that finds files fixes its base name
 * ({@code mail.log}); a pattern that matches several logs at that point is refused (on Debian
 * {@code mail.err} and {@code mail.warn} repeat lines of {@code mail.log}, so reading them all would
 * count those lines twice), and files of other logs that appear later are ignored.
 *
 * <p>Not thread-safe: one reader thread.
 */
public final class LogDirectory {
    /** Debian's {@code mail.log} and RHEL's {@code maillog}, with their rotations. */
    public static final String DEFAULT_PATTERN = "{mail.log,maillog}*";

    private final Path dir;
    private final String pattern;
    private final PathMatcher matcher;
    private String base;

    private LogDirectory(Path dir, String pattern, PathMatcher matcher) {
        this.dir = dir;
        this.pattern = pattern;
        this.matcher = matcher;
    }

    /**
     * @param pattern a glob for file names in {@code dir} ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}})
     * @throws IllegalArgumentException when the pattern is not a valid glob or names a path, not a file name
     */
    public static LogDirectory of(Path dir, String pattern) {
        if (pattern == null || pattern.isBlank() || pattern.contains("/")) {
            throw new IllegalArgumentException("--log-pattern '" + pattern + "' must be a file name glob such as 'mail.log*' "
                    + "(the directory goes in --watch-dir)");
        }
        try {
            return new LogDirectory(dir, pattern, FileSystems.getDefault().getPathMatcher("glob:" + pattern));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--log-pattern '" + pattern + "' is not a valid glob: " + e.getDescription());
        }
    }

    public Path dir() {
        return dir;
    }

    public String pattern() {
        return pattern;
    }

    /** What one look at the directory found. */
    public record Scan(
            /** Rotated files to read, oldest first. */
            List<Path> rotated,
            /** The live log's path (it may not exist yet), or null while no file matches or the pattern excludes it. */
            Path live,
            /** Matching files not read, with the reason, by file name. */
            Map<String, String> ignored) {

        /** True when no file matched the pattern at all. */
        public boolean nothingMatched() {
            return rotated.isEmpty() && ignored.isEmpty() && (live == null || !Files.exists(live));
        }

        /** Every file to read once, oldest first: the rotations, then the live log when it exists. */
        public List<Path> oldestFirst() {
            List<Path> all = new ArrayList<>(rotated);
            if (live != null && Files.isRegularFile(live)) {
                all.add(live);
            }
            return all;
        }
    }

    /**
     * Lists the directory.
     *
     * @throws NoSuchFileException, NotDirectoryException or AccessDeniedException naming the directory and the fix
     * @throws IllegalArgumentException when the pattern matches files of several logs before one was fixed
     */
    public Scan scan() throws IOException {
        Map<String, List<RotatedName>> byBase = new TreeMap<>();
        Map<String, String> ignored = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                Path name = p.getFileName();
                if (!matcher.matches(name) || !Files.isRegularFile(p)) {
                    continue;
                }
                RotatedName n = RotatedName.parse(name.toString());
                if (n.ignoredWhy() != null) {
                    ignored.put(n.name(), n.ignoredWhy());
                } else {
                    byBase.computeIfAbsent(n.base(), b -> new ArrayList<>()).add(n);
                }
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(dir + ": no such directory; give the directory the mail log is written to (--watch-dir /var/log)");
        } catch (NotDirectoryException e) {
            throw new NotDirectoryException(dir + ": not a directory; --watch-dir takes the directory, --log-pattern the file names");
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(dir + ": cannot list this directory; run as a user that can read it (e.g. in group adm)");
        }
        if (base == null && byBase.size() > 1) {
            throw new IllegalArgumentException("--log-pattern '" + pattern + "' matches " + byBase.size() + " logs in " + dir
                    + ": " + String.join(", ", byBase.keySet()) + "; narrow it to one log with its rotations, e.g. '"
                    + byBase.keySet().iterator().next() + "*' (mail.err and mail.warn repeat lines of mail.log)");
        }
        if (base == null && byBase.size() == 1) {
            base = byBase.keySet().iterator().next();
        }
        List<RotatedName> mine = base == null ? List.of() : byBase.getOrDefault(base, List.of());
        byBase.forEach((b, names) -> {
            if (!b.equals(base)) {
                names.forEach(n -> ignored.put(n.name(), "another log than " + base + " (--log-pattern selects one log)"));
            }
        });
        List<Path> rotated = mine.stream().filter(RotatedName::isRotation).sorted(RotatedName.OLDEST_FIRST)
                .map(n -> dir.resolve(n.name())).toList();
        Path live = base != null && matcher.matches(Path.of(base)) ? dir.resolve(base) : null;
        return new Scan(rotated, live, ignored);
    }

    /** True when {@code file} is in this directory and matches the pattern: reading it apart as well would read lines twice. */
    public boolean covers(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent != null && parent.equals(dir.toAbsolutePath().normalize()) && matcher.matches(file.getFileName());
    }

    /** The base name fixed by the first scan that found files, or null. */
    public String base() {
        return base;
    }

    @Override
    public String toString() {
        return dir + "/" + pattern;
    }
}
