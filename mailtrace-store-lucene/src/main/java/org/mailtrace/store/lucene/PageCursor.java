package org.mailtrace.store.lucene;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;

/**
 * The opaque paging cursor: the sort values of the last row of a page (received, trace ID,
 * recipient, row index), URL-safe base64. Because the sort is total, resuming after these values
 * gives every row exactly once even when commits happen between pages.
 *
 * <p>Layout: version byte 1, received nanos (8), row index (4), trace ID length (4) + UTF-8,
 * recipient length (4) + UTF-8.
 *
 * <p>Not signed (the OpenSearch store's cursor is, since it names a point in time of a shared
 * cluster): these values only say where to resume in the query's own order; every page still applies
 * all the query's criteria, the caller's domains included, and {@link NewestFirst} only narrows its
 * upper bound with them. A changed cursor can skip or repeat rows the query matches, never show others.
 */
record PageCursor(long receivedNanos, String traceId, String recipient, int rowIndex) {
    private static final byte VERSION = 1;

    /** The cursor after this row, from its sort values as {@link LuceneQueries#ROW_ORDER} yields them. */
    static PageCursor after(FieldDoc last) {
        Object[] f = last.fields;
        return new PageCursor((Long) f[0], ((BytesRef) f[1]).utf8ToString(), ((BytesRef) f[2]).utf8ToString(),
                ((Long) f[3]).intValue());
    }

    /**
     * The searchAfter position. The sort values are unique per row, so the doc ID only has to be
     * valid for the reader: the highest one makes a row with exactly these values count as seen.
     */
    FieldDoc toFieldDoc(int maxDoc) {
        return new FieldDoc(maxDoc - 1, Float.NaN, new Object[] {
            receivedNanos, new BytesRef(traceId), new BytesRef(recipient), (long) rowIndex});
    }

    String encode() {
        byte[] id = traceId.getBytes(StandardCharsets.UTF_8);
        byte[] rcpt = recipient.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 4 + 4 + id.length + 4 + rcpt.length);
        b.put(VERSION).putLong(receivedNanos).putInt(rowIndex).putInt(id.length).put(id).putInt(rcpt.length).put(rcpt);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** @throws IllegalArgumentException "invalid cursor ..." for anything this class did not write */
    static PageCursor decode(String cursor) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
            if (b.get() != VERSION) {
                throw new IllegalArgumentException("unknown version");
            }
            long received = b.getLong();
            int rowIndex = b.getInt();
            String id = readString(b);
            String rcpt = readString(b);
            if (b.hasRemaining() || rowIndex < 0 || id.isEmpty()) {
                throw new IllegalArgumentException("bad layout");
            }
            return new PageCursor(received, id, rcpt, rowIndex);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid cursor '" + abbreviate(cursor)
                    + "': pass the 'next' value of the previous page of the same query unchanged", e);
        }
    }

    private static String readString(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new IllegalArgumentException("bad length " + len);
        }
        byte[] bytes = new byte[len];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
