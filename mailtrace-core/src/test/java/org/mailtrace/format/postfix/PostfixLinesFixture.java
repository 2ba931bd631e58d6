package org.mailtrace.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.DeliveryNote;
import org.mailtrace.event.FilterVerdict;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.NotificationQueued;
import org.mailtrace.event.QueueAdminAction;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.event.QueueExpired;
import org.mailtrace.event.QueueId;
import org.mailtrace.event.QueueRemoved;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpDecision;
import org.mailtrace.format.ParseResult;
import org.mailtrace.source.RawLine;

/** Builds raw lines for the Postfix readers' tests and unwraps their results. */
final class PostfixLinesFixture {
    static final Instant TIME = Instant.parse("2024-03-05T10:15:30Z");
    private static final PostfixFormat FORMAT = new PostfixFormat();

    private PostfixLinesFixture() {
    }

    static ParseResult parse(String tag, String message) {
        return FORMAT.parse(new RawLine(TIME, "mx1", tag, 4242, message, "test:1"));
    }

    /** The event of a line that must parse to an event of {@code type}. */
    static <T extends MailEvent> T event(Class<T> type, String tag, String message) {
        ParseResult result = parse(tag, message);
        assertThat(result).as(message).isInstanceOf(ParseResult.Parsed.class);
        MailEvent event = ((ParseResult.Parsed) result).first();
        assertThat(event).as(message).isInstanceOf(type);
        return type.cast(event);
    }

    static String ignoredReason(String tag, String message) {
        ParseResult result = parse(tag, message);
        assertThat(result).as(message).isInstanceOf(ParseResult.Ignored.class);
        return ((ParseResult.Ignored) result).reason();
    }

    static String malformedReason(String tag, String message) {
        ParseResult result = parse(tag, message);
        assertThat(result).as(message).isInstanceOf(ParseResult.Malformed.class);
        return ((ParseResult.Malformed) result).reason();
    }

    /** The queue ID an event is about, or null. */
    static QueueId queueIdOf(MailEvent e) {
        if (e instanceof QueuedFromClient) {
            return ((QueuedFromClient) e).queueId();
        } else if (e instanceof SmtpDecision) {
            return ((SmtpDecision) e).queueId();
        } else if (e instanceof MessageIdSeen) {
            return ((MessageIdSeen) e).queueId();
        } else if (e instanceof ContentDecision) {
            return ((ContentDecision) e).queueId();
        } else if (e instanceof LocalSubmission) {
            return ((LocalSubmission) e).queueId();
        } else if (e instanceof EnvelopeSeen) {
            return ((EnvelopeSeen) e).queueId();
        } else if (e instanceof QueueRemoved) {
            return ((QueueRemoved) e).queueId();
        } else if (e instanceof QueueExpired) {
            return ((QueueExpired) e).queueId();
        } else if (e instanceof DeliveryAttempt) {
            return ((DeliveryAttempt) e).queueId();
        } else if (e instanceof DeliveryNote) {
            return ((DeliveryNote) e).queueId();
        } else if (e instanceof NotificationQueued) {
            return ((NotificationQueued) e).queueId();
        } else if (e instanceof QueueAdminAction) {
            return ((QueueAdminAction) e).queueId();
        } else if (e instanceof FilterVerdict) {
            return ((FilterVerdict) e).queueId();
        }
        return null;
    }
}
