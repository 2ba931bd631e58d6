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
 * time the following pages search ({@link PointInTime}; null when there is none), signed with the
 * installation's {@link CursorKey}, in URL-safe base64. The sort is a total order, so resuming after
 * these values yields every row exactly once, in the PIT or, once it expired, over the alias; the
 * cursor alone is enough either way (no state in the serving process, so any server of the
 * installation serves any page).
 *
 * <p>Signed because the PIT ID is the cluster's, not the installation's: installations sharing a
 * cluster (an index prefix each) could otherwise page in each other's live PITs with a forged
 * cursor. A cursor whose tag does not verify is refused before any of it is read (or inflated).
 *
 * <p>Layout: version byte (3 without a PIT, 4 with one), received nanos (8), row index (4), trace ID
 * and recipient each as length (4) + UTF-8; version 4 then the PIT ID as a form byte (0: its
 * base64url bytes, 1: its UTF-8 text), length (4) and those bytes deflated (a PIT ID of 90 shards:
 * 15,368 characters, 3,420 in the cursor); then the HMAC-SHA256 of all of that ({@value CursorKey#BYTES}
 * bytes, 43 characters). Versions 1 and 2 were the same without the tag (releases before signing):
 * they are refused like any cursor that does not verify, and the user starts again from the first page.
 */
record RowCursor(long receivedNanos, String traceId, String recipient, int rowIndex, String pitId) {
    private static final byte WITHOUT_PIT = 3;
    private static final byte WITH_PIT = 4;
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

    /** The cursor, signed with the installation's key. */
    String encode(CursorKey key) {
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
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.sign(bytes.toByteArray()));
    }

    /**
     * The cursor {@link #encode} wrote with this key.
     *
     * @throws IllegalArgumentException "invalid cursor ...: not valid for this installation ..." for
     *                                  anything else, saying to start again from the first page
     */
    static RowCursor decode(String cursor, CursorKey key) {
        byte[] content;
        try {
            content = key.verify(Base64.getUrlDecoder().decode(cursor));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cursor '" + shown(cursor) + "': it is not valid for this installation"
                    + " (changed, cut short, or made by another mailtrace installation or by a release before cursors were"
                    + " signed); restart the search from the first page, without a cursor", e);
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(content);
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
        } catch (RuntimeException e) { // signed by this installation, so written by another release of mailtrace
            throw new IllegalArgumentException("invalid cursor '" + shown(cursor) + "': this release of mailtrace cannot"
                    + " read it (" + e.getMessage() + "); restart the search from the first page, without a cursor", e);
        }
    }

    private static String shown(String cursor) {
        return cursor.length() <= 40 ? cursor : cursor.substring(0, 40) + "...";
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
