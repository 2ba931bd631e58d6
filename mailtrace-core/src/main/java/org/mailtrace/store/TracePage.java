package org.mailtrace.store;

import java.util.List;
import org.mailtrace.model.TraceRow;

/**
 * One page of search results, newest first.
 *
 * @param rows the rows of this page
 * @param next an opaque cursor for the following page, or null when there are no more rows
 */
public record TracePage(List<TraceRow> rows, String next) {
    public TracePage {
        rows = List.copyOf(rows);
    }
}
