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
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The opaque, self-contained paging cursor: the sort values of a page's last row (received nanos,
 * trace ID, recipient, row index) as {@code search_after} takes them, and the ID of the point in
 * time the following pages search ({@link PointInTime}; null when there is none), in URL-safe
 * base64. The sort is a total order, so resuming after these values yields every row exactly once,
 * in the PIT or, once it expired, over the alias; the cursor alone is enough either way (no state in
 * the serving process, so any server of a cluster serves any page).
 *
 * <p>Layout: version byte (1 without a PIT, 2 with one), received nanos (8), row index (4), trace ID
 * and recipient each as length (4) + UTF-8; version 2 then the PIT ID as a form byte (0: its
 * base64url bytes, 1: its UTF-8 text), length (4) and those bytes deflated (a PIT ID of 90 shards:
 * 15,368 characters, 3,420 in the cursor). Version 1 is what cursors were before PITs, so they
 * still page.
 */
record RowCursor(long receivedNanos, String traceId, String recipient, int rowIndex, String pitId) {
    private static final byte WITHOUT_PIT = 1;
    private static final byte WITH_PIT = 2;
    private static final byte PIT_BASE64 = 0;
    private static final byte PIT_TEXT = 1;
    /** A PIT ID longer than this once inflated is no cursor of ours (a deflate bomb is refused). */
    private static final int MAX_PIT_BYTES = 1 << 20;

    RowCursor(long receivedNanos, String traceId, String recipient, int rowIndex) {
        this(receivedNanos, traceId, recipient, rowIndex, null);
    }

    /** From a hit's {@code sort} array. */
    static RowCursor of(JsonNode sort) {
        return new RowCursor(sort.path(0).asLong(), sort.path(1).asText(), sort.path(2).asText(), sort.path(3).asInt());
    }

    /** The same position, paged in the given PIT (null: none). */
    RowCursor inPit(String id) {
        return new RowCursor(receivedNanos, traceId, recipient, rowIndex, id);
    }

    ArrayNode searchAfter() {
        return Json.arr(receivedNanos, traceId, recipient, rowIndex);
    }

    String encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(pitId == null ? WITHOUT_PIT : WITH_PIT);
            out.writeLong(receivedNanos);
            out.writeInt(rowIndex);
            byte[] id = traceId.getBytes(StandardCharsets.UTF_8);
            out.writeInt(id.length);
            out.write(id);
            byte[] r = recipient.getBytes(StandardCharsets.UTF_8);
            out.writeInt(r.length);
            out.write(r);
            if (pitId != null) {
                byte[] raw = base64Bytes(pitId);
                out.writeByte(raw != null ? PIT_BASE64 : PIT_TEXT);
                byte[] packed = deflate(raw != null ? raw : pitId.getBytes(StandardCharsets.UTF_8));
                out.writeInt(packed.length);
                out.write(packed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /** @throws IllegalArgumentException "invalid cursor ..." for anything {@link #encode} did not write */
    static RowCursor decode(String cursor) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
            byte version = b.get();
            if (version != WITHOUT_PIT && version != WITH_PIT) {
                throw new IllegalArgumentException("unknown version");
            }
            long received = b.getLong();
            int rowIndex = b.getInt();
            String id = string(b);
            String rcpt = string(b);
            String pit = null;
            if (version == WITH_PIT) {
                byte form = b.get();
                byte[] raw = inflate(bytes(b));
                pit = switch (form) {
                    case PIT_BASE64 -> Base64.getUrlEncoder().encodeToString(raw);
                    case PIT_TEXT -> new String(raw, StandardCharsets.UTF_8);
                    default -> throw new IllegalArgumentException("unknown PIT form " + form);
                };
                if (pit.isEmpty()) {
                    throw new IllegalArgumentException("empty PIT ID");
                }
            }
            if (b.hasRemaining() || rowIndex < 0 || id.isEmpty()) {
                throw new IllegalArgumentException("bad layout");
            }
            return new RowCursor(received, id, rcpt, rowIndex, pit);
        } catch (RuntimeException e) {
            String shown = cursor.length() <= 40 ? cursor : cursor.substring(0, 40) + "...";
            throw new IllegalArgumentException("invalid cursor '" + shown
                    + "': pass the 'next' value of the previous page of the same query unchanged", e);
        }
    }

    /** The bytes of a PIT ID when it is padded base64url that encodes back to itself (what OpenSearch gives), else null. */
    private static byte[] base64Bytes(String pit) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(pit);
            return Base64.getUrlEncoder().encodeToString(raw).equals(pit) ? raw : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static byte[] deflate(byte[] in) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            d.setInput(in);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static byte[] inflate(byte[] in) {
        Inflater i = new Inflater();
        try {
            i.setInput(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!i.finished()) {
                int n = i.inflate(buf);
                if (n == 0 && (i.needsInput() || i.needsDictionary())) {
                    throw new IllegalArgumentException("truncated PIT ID");
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_PIT_BYTES) {
                    throw new IllegalArgumentException("PIT ID too long");
                }
            }
            if (i.getRemaining() != 0) {
                throw new IllegalArgumentException("bytes after the PIT ID");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("bad PIT ID", e);
        } finally {
            i.end();
        }
    }

    private static String string(ByteBuffer b) {
        return new String(bytes(b), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new IllegalArgumentException("bad length " + len);
        }
        byte[] bytes = new byte[len];
        b.get(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "RowCursor[" + receivedNanos + ", " + traceId + ", " + recipient + ", " + rowIndex
                + (pitId == null ? "" : ", pit " + pitId.length() + " chars") + "]";
    }
}
