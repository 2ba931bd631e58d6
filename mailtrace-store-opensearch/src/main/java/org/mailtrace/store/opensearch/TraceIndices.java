package org.mailtrace.store.opensearch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The names this store owns under its prefix: daily trace indices {@code <prefix>-traces-YYYY.MM.DD}
 * (by the UTC day a trace was received), the alias {@code <prefix>-traces} over all of them that
 * searches go through, their index template, the {@code <prefix>-state} index holding the
 * ingest checkpoint, and the {@code <prefix>-hops} index of hop records.
 */
record TraceIndices(String prefix) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd");

    String alias() {
        return prefix + "-traces";
    }

    String template() {
        return prefix + "-traces";
    }

    /** Pattern of every daily index. */
    String pattern() {
        return prefix + "-traces-*";
    }

    /** The index of hop records ({@link HopIndex}): not under {@link #pattern()}, so no trace search meets them. */
    String hops() {
        return prefix + "-hops";
    }

    String state() {
        return prefix + "-state";
    }

    String daily(Instant received) {
        return prefix + "-traces-" + DAY.format(received.atOffset(ZoneOffset.UTC).toLocalDate());
    }

    /** The UTC day of a daily index name, or empty when it is not one of ours. */
    Optional<LocalDate> dayOf(String index) {
        String p = prefix + "-traces-";
        if (!index.startsWith(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(index.substring(p.length()), DAY));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
