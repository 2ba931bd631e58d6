package org.mailtrace.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;

/**
 * A message-trace search, in our own terms; each store translates it. Every criterion is optional
 * (null or empty means "any"); criteria combine with AND, values inside one list with OR.
 *
 * @param senders        envelope sender patterns; {@code *} matches any run of characters
 *                       ({@code *@example.org}, {@code alice@*}); case-insensitive. {@code <>} or the
 *                       empty string matches the null sender
 * @param recipients     recipient patterns, same syntax
 * @param start          received at or after (inclusive), or null
 * @param end            received before (exclusive), or null
 * @param statuses       any of these statuses
 * @param messageId      the Message-ID, with or without angle brackets
 * @param messageTraceId one trace
 * @param fromIp         client IP, exact or CIDR ({@code 192.0.2.0/24}, {@code 2001:db8::/32})
 * @param toIp           next-hop IP, exact or CIDR
 * @param direction      Inbound, Outbound or Internal
 * @param subject        text the subject must contain / start with / end with, case-insensitive
 * @param subjectMatch   how {@code subject} is matched; CONTAINS when null
 * @param scopeDomains   when non-empty, only rows whose sender or recipient is in one of these
 *                       domains (or their subdomains) are visible
 */
public record TraceQuery(List<String> senders, List<String> recipients, Instant start, Instant end,
                         Set<DeliveryStatus> statuses, String messageId, String messageTraceId,
                         String fromIp, String toIp, Direction direction, String subject,
                         SubjectMatch subjectMatch, Set<String> scopeDomains) {

    public enum SubjectMatch { CONTAINS, STARTSWITH, ENDSWITH;

        public static SubjectMatch parse(String s) {
            for (SubjectMatch m : values()) {
                if (m.name().equalsIgnoreCase(s)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown subject match '" + s + "'; use contains, startswith or endswith");
        }
    }

    public TraceQuery {
        senders = senders == null ? List.of() : List.copyOf(senders);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        scopeDomains = scopeDomains == null ? Set.of() : Set.copyOf(scopeDomains);
        subjectMatch = subjectMatch == null ? SubjectMatch.CONTAINS : subjectMatch;
        if (start != null && end != null && !end.isAfter(start)) {
            throw new IllegalArgumentException("end " + end + " is not after start " + start);
        }
    }

    /** The query that matches everything. */
    public static TraceQuery all() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every criterion of this query, to change a few: {@code q.toBuilder().start(t).build()}. */
    public Builder toBuilder() {
        return new Builder().senders(senders).recipients(recipients).start(start).end(end).statuses(statuses)
                .messageId(messageId).messageTraceId(messageTraceId).fromIp(fromIp).toIp(toIp).direction(direction)
                .subject(subject, subjectMatch).scopeDomains(scopeDomains);
    }

    /** Fluent construction for the many optional criteria. */
    public static final class Builder {
        private List<String> senders = List.of();
        private List<String> recipients = List.of();
        private Instant start;
        private Instant end;
        private Set<DeliveryStatus> statuses = Set.of();
        private String messageId;
        private String messageTraceId;
        private String fromIp;
        private String toIp;
        private Direction direction;
        private String subject;
        private SubjectMatch subjectMatch;
        private Set<String> scopeDomains = Set.of();

        public Builder senders(List<String> v) { senders = v; return this; }
        public Builder recipients(List<String> v) { recipients = v; return this; }
        public Builder start(Instant v) { start = v; return this; }
        public Builder end(Instant v) { end = v; return this; }
        public Builder statuses(Set<DeliveryStatus> v) { statuses = v; return this; }
        public Builder messageId(String v) { messageId = v; return this; }
        public Builder messageTraceId(String v) { messageTraceId = v; return this; }
        public Builder fromIp(String v) { fromIp = v; return this; }
        public Builder toIp(String v) { toIp = v; return this; }
        public Builder direction(Direction v) { direction = v; return this; }
        public Builder subject(String v, SubjectMatch m) { subject = v; subjectMatch = m; return this; }
        public Builder scopeDomains(Set<String> v) { scopeDomains = v; return this; }

        public TraceQuery build() {
            return new TraceQuery(senders, recipients, start, end, statuses, messageId, messageTraceId,
                    fromIp, toIp, direction, subject, subjectMatch, scopeDomains);
        }
    }
}
