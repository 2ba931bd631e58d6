package org.mailtrace.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailtrace.source.LogDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a log directory's rotated files oldest first, then follows its live log ({@link FollowLoop}),
 * and keeps looking at the directory for files that appear or change, until the pipeline stops.
 * For Exchange's message tracking logs it follows the current file of every series instead, and
 * when a newer file of a series appears (size rollover, a new hour or day) it reads the old one to
 * its end and follows the new one ({@link LogDirectory.Naming}).
 *
 * <p>No bookkeeping of its own decides what was read: every file goes through the pipeline's
 * positions, keyed by content identity, so a rotation read before (under another name, or since
 * compressed) adds nothing, and one that got lines after it was last read (the syslog daemon wrote
 * to {@code mail.log.1} after the follower moved on to the new {@code mail.log}) yields just those.
 * The only state here is which files were looked at in which version (size, modification time),
 * so an unchanged rotation is not opened again at every look.
 *
 * <p>A rotated file whose content the follower still reads (between logrotate's rename and the
 * follower's switch to the new file) is left to the follower: reading it here as well would read
 * the same lines twice. It is looked at again once the follower has moved on. Likewise an Exchange
 * file no longer current is read here (from the follower's position, so just what it got late)
 * only after its follower was closed.
 */
final class DirectoryWatch {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatch.class);
    /** How often the directory is listed for new or changed files. */
    static final long RESCAN_NANOS = 1_000_000_000L;

    private final IngestPipeline pipeline;
    private final LogDirectory dir;
    private final FollowSettings settings;
    private final Set<Version> looked = new HashSet<>();
    private final Set<String> ignoredSaid = new HashSet<>();
    /** The followers by followed path: the live log, or each Exchange series' current file. */
    private final Map<Path, FollowLoop> followers = new LinkedHashMap<>();
    private long lastScan;
    private boolean saidNothingMatches;
    private boolean saidWaitingForLive;

    /**
     * A file's version: its inode (so a renamed rotation, mail.log.1 to mail.log.2, is not opened
     * again; a compressed copy is a new file and is opened once), size and modification time.
     */
    private record Version(Object key, long size, long modified) {
    }

    DirectoryWatch(IngestPipeline pipeline, LogDirectory dir, FollowSettings settings) {
        this.pipeline = pipeline;
        this.dir = dir;
        this.settings = settings;
    }

    /**
     * First look: reads every rotation not read before and starts following the live log if it exists.
     *
     * @throws IOException when the directory or a rotated file in it cannot be read
     * @throws IllegalArgumentException when the pattern matches several logs, or excludes the live one
     */
    void open() throws IOException {
        scan(true);
    }

    void run() throws IOException {
        open();
        try {
            while (!pipeline.stopRequested()) {
                if (!step() && !pipeline.commitIfDue(settings.quietCommitGap())) {
                    pipeline.pause(settings.pollInterval().toMillis());
                }
            }
        } finally {
            close();
        }
    }

    /** One look: the follower's, and the directory's when it is due; never blocks; true when lines were read. */
    boolean step() throws IOException {
        boolean any = false;
        for (FollowLoop follower : followers.values()) {
            any |= follower.step();
        }
        if (System.nanoTime() - lastScan >= RESCAN_NANOS) {
            any |= scan(false);
        }
        return any;
    }

    void close() throws IOException {
        IOException failed = null;
        for (FollowLoop follower : followers.values()) {
            try {
                follower.close();
            } catch (IOException e) {
                failed = e;
            }
        }
        followers.clear();
        if (failed != null) {
            throw failed;
        }
    }

    private boolean scan(boolean first) throws IOException {
        lastScan = System.nanoTime();
        LogDirectory.Scan scan = dir.scan();
        if (scan.nothingMatched() && followers.isEmpty()) {
            if (!saidNothingMatches) {
                saidNothingMatches = true;
                LOG.warn("{}: no file matches '{}'; watching for one to appear (check --log-pattern: Debian/Ubuntu "
                        + "'mail.log*', RHEL 'maillog*', Exchange 'MSGTRK*')", dir.dir(), dir.pattern());
                note("no file matches '" + dir.pattern() + "'; watched for one to appear");
            }
            return false;
        }
        if (scan.naming() == LogDirectory.Naming.ROTATED && scan.live() == null) {
            throw new IllegalArgumentException("--log-pattern '" + dir.pattern() + "' does not match the live log "
                    + dir.dir().resolve(dir.base()) + ", so it cannot be followed; use '" + dir.base() + "*'");
        }
        scan.ignored().forEach((name, why) -> {
            if (ignoredSaid.add(name)) {
                LOG.warn("{}: not read: {}", dir.dir().resolve(name), why);
                pipeline.stats().sourceNotes.put(dir.dir().resolve(name).toString(), "not read: " + why);
            }
        });
        if (scan.naming() == null) {
            return false; // only files that cannot be read match so far: watched for the log to appear
        }
        boolean any = scan.naming() == LogDirectory.Naming.EXCHANGE && retireOutdated(scan.current());
        long before = pipeline.stats().read;
        Set<Version> listed = new HashSet<>();
        for (Path p : scan.rotated()) {
            Version v = version(p);
            if (v == null) {
                continue; // gone since the listing
            }
            listed.add(v);
            if (looked.contains(v)) {
                continue;
            }
            try {
                if (followedElsewhere(p)) {
                    continue; // the follower still reads this content; looked at again once it moved on
                }
            } catch (IOException e) {
                continue; // removed or replaced since the listing (logrotate at work): looked at again next time
            }
            looked.add(v);
            try {
                pipeline.ingestFile(p);
            } catch (NoSuchFileException e) {
                looked.remove(v); // removed since the listing (a rotation dropped or compressed away)
            } catch (IOException e) {
                if (first) {
                    throw e;
                }
                // A file being compressed by logrotate right now ends early; it is looked at again when it changes.
                LOG.warn("{}: cannot read it now: {}; trying again when it changes", p, e.getMessage());
            }
        }
        looked.retainAll(listed);
        any |= pipeline.stats().read > before;
        if (scan.naming() == LogDirectory.Naming.EXCHANGE) {
            for (Path p : scan.current()) {
                any |= startFollowing(p);
            }
        } else if (followers.isEmpty()) {
            Path live = scan.live();
            if (Files.isRegularFile(live)) {
                any |= startFollowing(live);
            } else if (!saidWaitingForLive) {
                saidWaitingForLive = true;
                LOG.warn("{}: the live log does not exist yet; following it once it appears", live);
                note("waited for the live log " + live + " to appear");
            }
        }
        return any;
    }

    private boolean startFollowing(Path p) throws IOException {
        if (followers.containsKey(p)) {
            return false;
        }
        FollowLoop follower = new FollowLoop(pipeline, p, settings);
        follower.open();
        followers.put(p, follower);
        LOG.info("{}: following {}", dir, p);
        return true;
    }

    /**
     * Exchange: closes the followers of files that are no longer current (a newer file of their
     * series appeared, or the file is gone), after reading what they hold. A late line written to
     * such a file afterwards is read as for a rotation: when the file changes.
     */
    private boolean retireOutdated(List<Path> followed) throws IOException {
        boolean any = false;
        for (Iterator<Map.Entry<Path, FollowLoop>> it = followers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, FollowLoop> e = it.next();
            if (followed.contains(e.getKey())) {
                continue;
            }
            FollowLoop follower = e.getValue();
            while (!pipeline.stopRequested() && follower.step()) {
                any = true;
            }
            follower.close();
            it.remove();
            LOG.info("{}: {} is no longer written to (a newer file of its series appeared); read to its end", dir, e.getKey());
            pipeline.stats().sourceNotes.merge(e.getKey().toString(), "followed until a newer file of its series appeared",
                    (a, b) -> a + "; " + b);
        }
        return any;
    }

    /** True when a follower still reads {@code p}'s content (a rotation the follower has not left yet). */
    private boolean followedElsewhere(Path p) throws IOException {
        for (FollowLoop follower : followers.values()) {
            if (follower.reads(p)) {
                return true;
            }
        }
        return false;
    }

    private void note(String text) {
        pipeline.stats().sourceNotes.merge(dir.toString(), text, (a, b) -> a + "; " + b);
    }

    private static Version version(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new Version(a.fileKey() == null ? p : a.fileKey(), a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return null;
        }
    }
}
