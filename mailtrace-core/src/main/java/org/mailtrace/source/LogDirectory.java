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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.PatternSyntaxException;

/**
 * A directory holding one mail log and its rotations ({@code /var/log} with {@code mail.log*}), or
 * Exchange's message tracking logs (a {@code MessageTracking} folder with {@code MSGTRK*.LOG}), and
 * which of its files to read in which order, and which to follow.
 *
 * <p>Two namings ({@link Naming}): a syslog log renamed by logrotate ({@link RotatedName} has the
 * rules) has one live file; Exchange's series are never renamed, and each series' newest file is
 * the one written to ({@link ExchangeLogName}). The pattern must select one log: the first scan that
 * finds files fixes it (its base name {@code mail.log}, or the Exchange series as a whole); a pattern
 * that matches several logs at that point is refused (on Debian {@code mail.err} and
 * {@code mail.warn} repeat lines of {@code mail.log}, so reading them all would count those lines
 * twice), and files of other logs that appear later are ignored. All Exchange series of a folder
 * are one log: each holds other events of the same messages.
 *
 * <p>Not thread-safe: one reader thread.
 */
public final class LogDirectory {
    /** Debian's {@code mail.log} and RHEL's {@code maillog}, with their rotations. */
    public static final String DEFAULT_PATTERN = "{mail.log,maillog}*";
    /** How {@link #base()} names the Exchange series taken as one log. */
    public static final String EXCHANGE_LOG = "Exchange message tracking (MSGTRK*)";

    /** How the watched log's files are named, which tells which of them are written to. */
    public enum Naming {
        /** One log renamed by logrotate ({@link RotatedName}): the file with the base name is live. */
        ROTATED,
        /** Exchange's message tracking series ({@link ExchangeLogName}): the newest file of each series is current. */
        EXCHANGE
    }

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
            /** The log's naming, or null while no file of a log matched. */
            Naming naming,
            /** Files written no more, to read (rotations; Exchange files a newer file of their series follows), oldest first. */
            List<Path> rotated,
            /** The live log's path (it may not exist yet), or null while no file matches, the pattern excludes it, or for Exchange. */
            Path live,
            /** Exchange: the file each series writes to now (its newest), oldest first; empty for a rotated log. */
            List<Path> current,
            /** Matching files not read, with the reason, by file name. */
            Map<String, String> ignored) {

        /** True when no file matched the pattern at all. */
        public boolean nothingMatched() {
            return rotated.isEmpty() && current.isEmpty() && ignored.isEmpty() && (live == null || !Files.exists(live));
        }

        /** Every file to read once, oldest first: the rotations, then the live log when it exists; Exchange files by hour and sequence. */
        public List<Path> oldestFirst() {
            List<Path> all = new ArrayList<>(rotated);
            if (live != null && Files.isRegularFile(live)) {
                all.add(live);
            }
            all.addAll(current);
            if (naming == Naming.EXCHANGE) {
                all.sort(Comparator.comparing(p -> ExchangeLogName.parse(p.getFileName().toString()), ExchangeLogName.OLDEST_FIRST));
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
        List<ExchangeLogName> exchange = new ArrayList<>();
        Map<String, String> ignored = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                Path name = p.getFileName();
                if (!matcher.matches(name) || !Files.isRegularFile(p)) {
                    continue;
                }
                ExchangeLogName x = ExchangeLogName.parse(name.toString());
                if (x != null) {
                    exchange.add(x);
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
        List<String> logs = new ArrayList<>(byBase.keySet());
        if (!exchange.isEmpty()) {
            logs.add(EXCHANGE_LOG);
        }
        if (base == null && logs.size() > 1) {
            String example = exchange.isEmpty() ? "'" + logs.get(0) + "*' (mail.err and mail.warn repeat lines of mail.log)"
                    : "'MSGTRK*' for the Exchange logs";
            throw new IllegalArgumentException("--log-pattern '" + pattern + "' matches " + logs.size() + " logs in " + dir
                    + ": " + String.join(", ", logs) + "; narrow it to one log with its rotations, e.g. " + example);
        }
        if (base == null && logs.size() == 1) {
            base = logs.get(0);
        }
        if (EXCHANGE_LOG.equals(base)) {
            byBase.values().forEach(names -> names.forEach(n -> ignored.put(n.name(),
                    "not an Exchange message tracking log (--log-pattern selects one log)")));
            return exchangeScan(exchange, ignored);
        }
        exchange.forEach(x -> ignored.put(x.name(), "another log than " + base + " (--log-pattern selects one log)"));
        List<RotatedName> mine = base == null ? List.of() : byBase.getOrDefault(base, List.of());
        byBase.forEach((b, names) -> {
            if (!b.equals(base)) {
                names.forEach(n -> ignored.put(n.name(), "another log than " + base + " (--log-pattern selects one log)"));
            }
        });
        List<Path> rotated = mine.stream().filter(RotatedName::isRotation).sorted(RotatedName.OLDEST_FIRST)
                .map(n -> dir.resolve(n.name())).toList();
        Path live = base != null && matcher.matches(Path.of(base)) ? dir.resolve(base) : null;
        return new Scan(base == null ? null : Naming.ROTATED, rotated, live, List.of(), ignored);
    }

    /**
     * Exchange: the current file of a series is its newest plain file, unless a compressed copy is
     * newer still (then the series writes elsewhere, or nowhere: nothing of it is followed).
     */
    private Scan exchangeScan(List<ExchangeLogName> names, Map<String, String> ignored) {
        Comparator<ExchangeLogName> byPlace = Comparator.comparing(ExchangeLogName::hour).thenComparingLong(ExchangeLogName::sequence);
        Map<String, ExchangeLogName> newest = new HashMap<>();
        for (ExchangeLogName n : names) {
            newest.merge(n.series(), n, (a, b) -> byPlace.compare(a, b) >= 0 ? a : b);
        }
        List<ExchangeLogName> sorted = names.stream().sorted(ExchangeLogName.OLDEST_FIRST).toList();
        Set<String> seriesWithCurrent = new HashSet<>();
        List<Path> rotated = new ArrayList<>();
        List<Path> current = new ArrayList<>();
        for (ExchangeLogName n : sorted) {
            if (!n.compressed() && byPlace.compare(n, newest.get(n.series())) == 0 && seriesWithCurrent.add(n.series())) {
                current.add(dir.resolve(n.name()));
            } else {
                rotated.add(dir.resolve(n.name()));
            }
        }
        return new Scan(Naming.EXCHANGE, rotated, null, current, ignored);
    }

    /** True when {@code file} is in this directory and matches the pattern: reading it apart as well would read lines twice. */
    public boolean covers(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent != null && parent.equals(dir.toAbsolutePath().normalize()) && matcher.matches(file.getFileName());
    }

    /** The log fixed by the first scan that found files: its base name ({@code mail.log}) or {@link #EXCHANGE_LOG}; or null. */
    public String base() {
        return base;
    }

    @Override
    public String toString() {
        return dir + "/" + pattern;
    }
}
