package org.mailtrace.e2e;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an Exim case body works with: the running instance and waits scoped to the case's own part of
 * the main log (from {@code logStart} on), so a line from an earlier case never satisfies a wait.
 */
final class EximCaseContext {

    private static final Duration QUIET = Duration.ofMillis(1200);

    private final EximInstance exim;
    private final long logStart;

    EximCaseContext(EximInstance exim, long logStart) {
        this.exim = exim;
        this.logStart = logStart;
    }

    EximInstance exim() {
        return exim;
    }

    /** An SMTP client of the daemon's public port, saying HELO client.test. */
    Swaks smtp() {
        return Swaks.to(exim.selector().smtpdPort(), "client.test");
    }

    /** Waits until a line of this case's log slice matches {@code regex}. */
    void awaitLog(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        GrowingLog log = exim.mainlog();
        Waits.until("log line /" + regex + "/ in " + log.file(), timeout,
                () -> pattern.matcher(log.slice(logStart, log.offset())).find());
    }

    /**
     * Waits until nothing is moving: every message left in the queue is frozen, and the log has not
     * grown for a moment.
     */
    void settle(Duration timeout) {
        Waits.until("queue to drain (only frozen messages may remain)", timeout,
                () -> exim.queue().stream().allMatch(EximInstance.QueuedMessage::frozen));
        Waits.untilStable("log " + exim.mainlog().file() + " size", exim.mainlog()::offset, QUIET, timeout);
    }

    /** IDs of the frozen messages in the queue. */
    List<String> frozen() {
        return exim.queue().stream().filter(EximInstance.QueuedMessage::frozen)
                .map(EximInstance.QueuedMessage::messageId).toList();
    }
}
