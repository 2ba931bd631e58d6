package org.mailtrace.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.model.EventType;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.RecipientOutcome;
import org.mailtrace.model.TraceEvent;

/**
 * Sample {@link MessageTrace}s for store tests: a fluent builder with plausible defaults, so each
 * test states only the facts it searches for.
 */
public final class TraceFixtures {
    /** The default received time of a fixture trace. */
    public static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private TraceFixtures() {
    }

    public static Builder trace(String messageTraceId) {
        return new Builder(messageTraceId);
    }

    /** Builds one trace; without recipients it gets one Delivered recipient bob@example.org. */
    public static final class Builder {
        private final String id;
        private Instant received = T0;
        private String sender = "alice@example.com";
        private String subject = "Quarterly report";
        private String messageId;
        private String fromIp = "192.0.2.10";
        private Long size = 2048L;
        private final List<RecipientOutcome> recipients = new ArrayList<>();
        private List<String> alternateSenders = List.of();
        private List<String> alternateMessageIds = List.of();

        private Builder(String id) {
            this.id = id;
            this.messageId = "<" + id + "@mail.example.com>";
        }

        public Builder received(Instant v) { received = v; return this; }
        public Builder sender(String v) { sender = v; return this; }
        public Builder subject(String v) { subject = v; return this; }
        public Builder messageId(String v) { messageId = v; return this; }
        public Builder fromIp(String v) { fromIp = v; return this; }
        public Builder size(Long v) { size = v; return this; }
        public Builder alternateSenders(String... v) { alternateSenders = List.of(v); return this; }
        public Builder alternateMessageIds(String... v) { alternateMessageIds = List.of(v); return this; }

        /** A recipient whose mail went to other addresses (alias, forward), the final one last. */
        public Builder redirected(String address, DeliveryStatus status, String... finalRecipients) {
            recipients.add(new RecipientOutcome(address, status, "198.51.100.25", Direction.Inbound, null,
                    List.of(finalRecipients)));
            return this;
        }

        public Builder recipient(String address, DeliveryStatus status) {
            return recipient(address, status, "198.51.100.25", Direction.Outbound);
        }

        public Builder recipient(String address, DeliveryStatus status, String toIp, Direction direction) {
            recipients.add(new RecipientOutcome(address, status, toIp, direction, null));
            return this;
        }

        public MessageTrace build() {
            List<RecipientOutcome> rcpts = recipients.isEmpty()
                    ? List.of(new RecipientOutcome("bob@example.org", DeliveryStatus.Delivered, "198.51.100.25",
                            Direction.Outbound, null))
                    : recipients;
            List<TraceEvent> events = new ArrayList<>();
            events.add(new TraceEvent(received, EventType.RECEIVE, "smtpd", "Message received from " + fromIp,
                    null, Map.of("host", "mx1", "queueId", "4QX" + id.hashCode(), "client", String.valueOf(fromIp))));
            for (RecipientOutcome r : rcpts) {
                events.add(new TraceEvent(received.plusSeconds(1), EventType.SEND, "smtp",
                        "250 2.0.0 Ok: queued", r.recipientAddress(), Map.of("relay", String.valueOf(r.toIp()))));
            }
            return new MessageTrace(id, received, sender, subject, messageId, fromIp, size, List.of("mx1"),
                    List.of("4QX" + Math.abs(id.hashCode())), rcpts, events, List.of(), alternateSenders,
                    alternateMessageIds);
        }
    }
}
