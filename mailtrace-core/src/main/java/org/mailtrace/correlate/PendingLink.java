package org.mailtrace.correlate;

import java.time.Instant;

/**
 * A link whose far end (the message with queue ID {@code queueId}) has not been seen yet. Lines
 * arrive in either order, so the near end waits here for {@link Correlator#LINK_WINDOW} of log time.
 *
 * @param kind      {@link LinkKind#HOP}, {@link LinkKind#FORWARD} or {@link LinkKind#NOTIFICATION}
 * @param namespace where the far end must appear, or null for any namespace (relay to another host)
 * @param queueId   the far end's queue ID
 * @param fromPart  the near end's part key
 * @param fromTrace the near end's trace ID at the time
 * @param time      log time of the line that announced the link
 * @param note      the notification kind, for {@link LinkKind#NOTIFICATION}
 */
record PendingLink(LinkKind kind, String namespace, String queueId, String fromPart, String fromTrace,
                   Instant time, String note) {
}
