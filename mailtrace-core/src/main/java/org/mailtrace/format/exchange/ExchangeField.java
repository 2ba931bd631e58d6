package org.mailtrace.format.exchange;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of a message tracking log row that mailtrace reads, in the order Microsoft documents
 * them for Exchange 2013 and later. A file's {@code #Fields:} header says where each is; spellings
 * vary ({@code date-time}, {@code Date-Time}, {@code date_time_utc}, Get-MessageTrackingLog's
 * {@code Timestamp} or {@code EventId}), so header names are matched without case, dashes and
 * underscores. Fields the header names but this list lacks are ignored.
 */
enum ExchangeField {
    DATE_TIME("date-time", "timestamp", "datetimeutc"),
    CLIENT_IP("client-ip"),
    CLIENT_HOSTNAME("client-hostname"),
    SERVER_IP("server-ip"),
    SERVER_HOSTNAME("server-hostname"),
    SOURCE_CONTEXT("source-context"),
    CONNECTOR_ID("connector-id"),
    SOURCE("source"),
    EVENT_ID("event-id"),
    INTERNAL_MESSAGE_ID("internal-message-id"),
    MESSAGE_ID("message-id"),
    NETWORK_MESSAGE_ID("network-message-id"),
    RECIPIENT_ADDRESS("recipient-address", "recipients"),
    RECIPIENT_STATUS("recipient-status"),
    TOTAL_BYTES("total-bytes"),
    RECIPIENT_COUNT("recipient-count"),
    RELATED_RECIPIENT_ADDRESS("related-recipient-address"),
    REFERENCE("reference"),
    MESSAGE_SUBJECT("message-subject"),
    SENDER_ADDRESS("sender-address", "sender"),
    RETURN_PATH("return-path"),
    MESSAGE_INFO("message-info"),
    DIRECTIONALITY("directionality"),
    TENANT_ID("tenant-id"),
    ORIGINAL_CLIENT_IP("original-client-ip"),
    ORIGINAL_SERVER_IP("original-server-ip"),
    CUSTOM_DATA("custom-data"),
    TRANSPORT_TRAFFIC_TYPE("transport-traffic-type"),
    LOG_ID("log-id"),
    SCHEMA_VERSION("schema-version");

    private static final Map<String, ExchangeField> BY_NAME = new HashMap<>();

    static {
        for (ExchangeField f : values()) {
            for (String name : f.names) {
                BY_NAME.put(normalize(name), f);
            }
        }
    }

    private final String[] names;

    ExchangeField(String... names) {
        this.names = names;
    }

    /** The name Microsoft documents ({@code date-time}). */
    String documentedName() {
        return names[0];
    }

    /** The field a header name means, or null for a field mailtrace does not read. */
    static ExchangeField byHeaderName(String name) {
        return name == null ? null : BY_NAME.get(normalize(name));
    }

    /** Lower case without dashes, underscores and spaces: {@code Date-Time} and {@code date_time} match. */
    private static String normalize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '-' && c != '_' && c != ' ') {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
