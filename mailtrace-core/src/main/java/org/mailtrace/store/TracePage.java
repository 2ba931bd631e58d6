package org.mailtrace.store;

import java.util.List;
import org.mailtrace.model.TraceRow;

/**
 * One page of search results, newest first.
 *
 * @param rows the rows of this page
 * @param next an opaque cursor for the following page, or null when there are no more rows; URL-safe
 *             and at most {@link #MAX_CURSOR_LENGTH} characters
 */
public record TracePage(List<TraceRow> rows, String next) {
    /**
     * The longest cursor a store gives: it travels in a URL query string (REST API, console), which
     * the web server bounds (Jetty: 8 KiB of request line and headers). The OpenSearch store's
     * cursor carries a point-in-time ID, which grows with the shards it spans.
     */
    public static final int MAX_CURSOR_LENGTH = 4096;

    public TracePage {
        rows = List.copyOf(rows);
    }
}
