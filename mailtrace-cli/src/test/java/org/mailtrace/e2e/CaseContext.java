package org.mailtrace.e2e;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a case body works with: the running instance and waits scoped to the case's own part of
 * the log (from {@code logStart} on), so a line from an earlier case never satisfies a wait.
 */
final class CaseContext {

    private static final Duration QUIET = Duration.ofMillis(1200);

    private final PostfixInstance postfix;
    private final long logStart;

    CaseContext(PostfixInstance postfix, long logStart) {
        this.postfix = postfix;
        this.logStart = logStart;
    }

    PostfixInstance postfix() {
        return postfix;
    }

    Swaks smtp() {
        return Swaks.to(PostfixInstance.SMTPD_PORT, "client.test");
    }

    /** Waits until a line of this case's log slice matches {@code regex}. */
    void awaitLog(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        Waits.until("log line /" + regex + "/ in " + postfix.maillog(), timeout,
                () -> pattern.matcher(postfix.logSlice(logStart, postfix.logOffset())).find());
    }

    /**
     * Waits until nothing is moving: no message left in the incoming, active, maildrop or deferred
     * queues (held ones stay), and the log has not grown for a moment.
     */
    void settle(Duration timeout) {
        Waits.until("queue to drain (only held messages may remain)", timeout,
                () -> postfix.queue().stream().allMatch(m -> m.queueName().equals("hold")));
        Waits.untilStable("log " + postfix.maillog() + " size", postfix::logOffset, QUIET, timeout);
    }

    /** Queue IDs currently in the named queue (e.g. "hold", "deferred"). */
    List<String> queued(String queueName) {
        return postfix.queue().stream().filter(m -> m.queueName().equals(queueName))
                .map(PostfixInstance.QueuedMessage::queueId).toList();
    }
}
