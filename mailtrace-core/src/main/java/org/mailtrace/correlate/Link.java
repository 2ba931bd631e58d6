package org.mailtrace.correlate;

/**
 * A link from a trace to another trace (notification, forwarded copy), by {@link org.mailtrace.model.RelatedTrace} relation.
 *
 * @param queueId the queue ID of the other message that made the link (the notification's), or null
 */
record Link(String relation, String traceId, String queueId) {
}
