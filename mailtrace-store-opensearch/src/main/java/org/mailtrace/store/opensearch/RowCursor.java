package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque paging cursor: the sort values of a page's last row (received nanos, trace ID,
 * recipient, row index) as {@code search_after} takes them, in URL-safe base64. The sort is a total
 * order, so resuming after these values yields every row exactly once even when commits happen
 * between pages, with no server-side state to keep alive or leak (this store's documented
 * equivalent of a point in time: see docs/store-opensearch.md).
 *
 * <p>Layout: version byte 1, received nanos (8), row index (4), trace ID and recipient each as
 * length (4) + UTF-8.
 */
record RowCursor(long receivedNanos, String traceId, String recipient, int rowIndex) {
    private static final byte VERSION = 1;

    /** From a hit's {@code sort} array. */
    static RowCursor of(JsonNode sort) {
        return new RowCursor(sort.path(0).asLong(), sort.path(1).asText(), sort.path(2).asText(), sort.path(3).asInt());
    }

    ArrayNode searchAfter() {
        return Json.arr(receivedNanos, traceId, recipient, rowIndex);
    }

    String encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(receivedNanos);
            out.writeInt(rowIndex);
            byte[] id = traceId.getBytes(StandardCharsets.UTF_8);
            out.writeInt(id.length);
            out.write(id);
            byte[] r = recipient.getBytes(StandardCharsets.UTF_8);
            out.writeInt(r.length);
            out.write(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /** @throws IllegalArgumentException "invalid cursor ..." for anything {@link #encode} did not write */
    static RowCursor decode(String cursor) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
            if (b.get() != VERSION) {
                throw new IllegalArgumentException("unknown version");
            }
            long received = b.getLong();
            int rowIndex = b.getInt();
            String id = string(b);
            String rcpt = string(b);
            if (b.hasRemaining() || rowIndex < 0 || id.isEmpty()) {
                throw new IllegalArgumentException("bad layout");
            }
            return new RowCursor(received, id, rcpt, rowIndex);
        } catch (RuntimeException e) {
            String shown = cursor.length() <= 40 ? cursor : cursor.substring(0, 40) + "...";
            throw new IllegalArgumentException("invalid cursor '" + shown
                    + "': pass the 'next' value of the previous page of the same query unchanged", e);
        }
    }

    private static String string(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new IllegalArgumentException("bad length " + len);
        }
        byte[] bytes = new byte[len];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
