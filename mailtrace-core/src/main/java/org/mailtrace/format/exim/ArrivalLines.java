package org.mailtrace.format.exim;

import java.util.ArrayList;
import java.util.List;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.NotificationQueued;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.event.QueueId;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.format.ParseResult;

/**
 * A message arrived: {@code ID <= sender H=name (helo) [ip]:port I=[ip]:port P=esmtpsa A=plain:user
 * S=1234 id=msgid T="subject" for a@b c@d} (or {@code U=user P=local} for a local submission), or
 * {@code ID (= ...)}, an arrival the client was told was refused ({@code fakereject}): for the
 * trace it arrived all the same.
 *
 * <p>One line carries what Postfix spreads over three daemons: the client ({@link QueuedFromClient}
 * when {@code H=} names a host, else {@link LocalSubmission}), the Message-ID ({@link MessageIdSeen},
 * kept in angle brackets like Postfix's), and the envelope ({@link EnvelopeSeen}: sender, size,
 * {@code T=} subject and {@code for} recipients when the log_selector has {@code +subject} and
 * {@code +received_recipients}). {@code S=sss} (Exim's test suite) is an unknown size. A bounce
 * ({@code <= <> R=parent}) is no submission: it is announced on its parent as a
 * {@link NotificationQueued}, which links the two as non-delivery report and original.
 */
final class ArrivalLines {
    private ArrivalLines() {
    }

    static ParseResult parse(LineMeta meta, QueueId id, String rest) {
        if (rest.isEmpty()) {
            return new ParseResult.Malformed("exim: arrival without sender");
        }
        int senderEnd = EximFields.tokenEnd(rest, 0);
        String sender = EximFields.address(rest.substring(0, senderEnd));
        EximFields f = EximFields.parse(rest, senderEnd, false);
        List<MailEvent> events = new ArrayList<>(4);
        QueueId parent = idOrNull(f.get("R"));
        boolean bounce = sender.isEmpty() && parent != null;
        if (f.host != null) {
            String[] auth = auth(f.get("A"));
            events.add(new QueuedFromClient(meta, id, f.host, auth[0], auth[1], null, f.helo));
        } else if (!bounce) {
            events.add(new LocalSubmission(meta, id, f.get("U"), sender));
        }
        String messageId = f.get("id");
        if (messageId != null && !messageId.isEmpty()) {
            events.add(new MessageIdSeen(meta, id, messageId.startsWith("<") ? messageId : "<" + messageId + ">",
                    false));
        }
        events.add(new EnvelopeSeen(meta, id, sender, size(f.get("S")),
                f.recipients == null ? -1 : f.recipients.size(), f.get("T"), f.recipients));
        if (bounce) {
            String subject = f.get("T");
            String kind = subject != null && subject.startsWith("Warning: message ") ? "sender delay"
                    : "sender non-delivery";
            events.add(new NotificationQueued(meta, parent, kind, id));
        }
        return new ParseResult.Parsed(events);
    }

    /** {@code A=plain:user} gives method and user; {@code A=name} the method only. */
    private static String[] auth(String a) {
        if (a == null || a.isEmpty()) {
            return new String[] {null, null};
        }
        int colon = a.indexOf(':');
        return colon < 0 ? new String[] {a, null} : new String[] {a.substring(0, colon), a.substring(colon + 1)};
    }

    private static long size(String s) {
        if (s == null || s.isEmpty() || s.length() > 18) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(s);
    }

    static QueueId idOrNull(String s) {
        return s != null && EximIds.looksLike(s) ? new QueueId(s) : null;
    }
}
