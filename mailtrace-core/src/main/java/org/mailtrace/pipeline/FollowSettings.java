package org.mailtrace.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link IngestPipeline#follow} keeps reading a live log.
 *
 * @param pollInterval    how often to look for appended lines and for log rotation when the file is idle
 * @param commitInterval  commit at least this often while new lines keep arriving, so a line is
 *                        searchable within about this time plus one poll; once the input goes quiet,
 *                        what arrived is committed after {@link #quietCommitGap()} instead
 * @param rotationGrace   after the path was replaced (rename-and-create), the renamed file is read until a
 *                        poll finds it quiet (the syslog daemon writes to it until logrotate's postrotate
 *                        tells it to reopen the log), but no longer than this while it keeps growing
 * @param purgeEvery      how often the retention purge runs in the background (first run at start)
 */
public record FollowSettings(Duration pollInterval, Duration commitInterval, Duration rotationGrace, Duration purgeEvery) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_ROTATION_GRACE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_PURGE_EVERY = Duration.ofDays(1);

    public FollowSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(rotationGrace, "rotationGrace");
        Objects.requireNonNull(purgeEvery, "purgeEvery");
        if (pollInterval.isNegative() || pollInterval.isZero() || purgeEvery.isNegative() || purgeEvery.isZero()) {
            throw new IllegalArgumentException("poll interval and purge period must be positive: " + pollInterval + ", " + purgeEvery);
        }
    }

    /**
     * How long after the previous commit a quiet input commits what it has: a burst's tail is then
     * searchable a fraction of a second after it arrived instead of waiting a whole commit interval
     * (the first line after a silence commits at once and used to hold the rest of its burst back).
     */
    public Duration quietCommitGap() {
        Duration gap = Duration.ofMillis(250);
        return commitInterval.compareTo(gap) < 0 ? commitInterval : gap;
    }

    /** Poll every 200 ms, commit every second, read a renamed file until quiet (at most a second), purge daily. */
    public static FollowSettings defaults() {
        return new FollowSettings(DEFAULT_POLL_INTERVAL, DEFAULT_COMMIT_INTERVAL, DEFAULT_ROTATION_GRACE, DEFAULT_PURGE_EVERY);
    }
}
