package org.mailtrace.store.lucene;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.util.BytesRef;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.RecipientOutcome;
import org.mailtrace.model.TraceRow;

/**
 * The doc values a page of rows is built from, so a page never reads the stored (DEFLATE-compressed)
 * trace JSON. A row is its trace's shared values plus four of its own (recipient, status, toIp,
 * direction), see {@code MessageTrace.rows()}; each value is kept once, where it belongs:
 *
 * <ul>
 *   <li>trace document: sender, Message-ID, client IP and host list as sorted doc values, which
 *       Lucene keeps once per distinct value and segment behind a per-document ordinal, in an
 *       LZ4-compressed dictionary (senders, IPs and host lists repeat across traces; Message-IDs
 *       share their domain parts); the rest (row count, size, queue IDs) as one small
 *       {@link #VERSION versioned} binary doc value, {@link TraceFields#VIEW_TRACE} (binary doc
 *       values are stored uncompressed).</li>
 *   <li>row document: the subject, the next-hop IP and the final recipients as sorted doc values (the subject here so
 *       {@link SubjectContainsQuery} can test rows directly), and {@link TraceFields#VIEW_ROW}, a
 *       numeric marker saying the row was written with this layout (bit 0: the recipient is null,
 *       which {@code recipientSort} cannot tell from the empty string). Recipient, status,
 *       direction and received come from doc values the row already had.</li>
 * </ul>
 *
 * A trace with a value too long for a doc value is marked {@link TraceView#needsJson()} and its
 * rows are built from the stored JSON as before.
 */
final class RowViews {
    /** First byte of every {@link TraceFields#VIEW_TRACE} value; bump when the layout changes. */
    static final byte VERSION = 1;
    /**
     * Longer values make the trace fall back to its JSON (sorted doc values stop at 32,766 bytes);
     * so does a subject longer than the indexed key keeps.
     */
    static final int MAX_VALUE_BYTES = 8_000;
    static final long RECIPIENT_NULL = 1;

    private static final int SIZE_PRESENT = 1;
    private static final int NEEDS_JSON = 2;

    /** What {@link TraceFields#VIEW_TRACE} holds. */
    record TraceView(int rowCount, boolean needsJson, Long size, List<String> queueIds) {
    }

    private RowViews() {
    }

    static void addToTrace(Document doc, MessageTrace trace) {
        boolean tooLong = false;
        tooLong |= addSorted(doc, TraceFields.VIEW_SENDER, trace.senderAddress());
        tooLong |= trace.subject() != null && !TraceDocuments.bounded(trace.subject()).equals(trace.subject());
        tooLong |= addSorted(doc, TraceFields.VIEW_MESSAGE_ID, trace.messageId());
        tooLong |= addSorted(doc, TraceFields.VIEW_FROM_IP, trace.fromIp());
        byte[] hosts = encodeList(trace.hosts());
        if (hosts.length > MAX_VALUE_BYTES) {
            tooLong = true;
        } else {
            doc.add(new SortedDocValuesField(TraceFields.VIEW_HOSTS, new BytesRef(hosts)));
        }
        byte[] queueIds = encodeList(trace.queueIds());
        tooLong |= queueIds.length > MAX_VALUE_BYTES;
        for (RecipientOutcome r : trace.recipients()) {
            tooLong |= encodeList(r.finalRecipients()).length > MAX_VALUE_BYTES;
        }

        Bytes b = new Bytes();
        b.write(VERSION);
        b.vlong(trace.rows().size());
        b.write((trace.size() != null ? SIZE_PRESENT : 0) | (tooLong ? NEEDS_JSON : 0));
        if (trace.size() != null) {
            b.zlong(trace.size());
        }
        if (!tooLong) {
            b.write(queueIds, 0, queueIds.length);
        }
        doc.add(new BinaryDocValuesField(TraceFields.VIEW_TRACE, new BytesRef(b.toByteArray())));
    }

    static void addToRow(Document doc, TraceRow row) {
        doc.add(new NumericDocValuesField(TraceFields.VIEW_ROW, row.recipientAddress() == null ? RECIPIENT_NULL : 0));
        if (row.subject() != null) {
            // On the row, not the trace, so SubjectContainsQuery can check it without a join; bounded
            // like the indexed key (a longer subject is shown from the JSON, see needsJson).
            doc.add(new SortedDocValuesField(TraceFields.VIEW_SUBJECT, Utf8Terms.of(TraceDocuments.bounded(row.subject()))));
        }
        if (row.toIp() != null && utf8Length(row.toIp()) <= MAX_VALUE_BYTES) {
            doc.add(new SortedDocValuesField(TraceFields.VIEW_TO_IP, Utf8Terms.of(row.toIp())));
        }
        if (!row.finalRecipients().isEmpty()) {
            byte[] finals = encodeList(row.finalRecipients());
            if (finals.length <= MAX_VALUE_BYTES) { // longer: the trace falls back to its JSON (addToTrace)
                doc.add(new SortedDocValuesField(TraceFields.VIEW_FINAL_RECIPIENTS, new BytesRef(finals)));
            }
        }
    }

    /** @throws IllegalStateException when the bytes are not a view this class wrote */
    static TraceView decodeTrace(BytesRef value, String traceId) {
        In in = new In(value);
        int version = in.read();
        if (version != VERSION) {
            throw new IllegalStateException(traceId + ": trace view version " + version + " is unknown (expected "
                    + VERSION + "); this store was written by a newer mailtrace");
        }
        int rowCount = (int) in.vlong();
        int flags = in.read();
        Long size = (flags & SIZE_PRESENT) != 0 ? in.zlong() : null;
        boolean needsJson = (flags & NEEDS_JSON) != 0;
        List<String> queueIds = needsJson ? List.of() : decodeList(in);
        return new TraceView(rowCount, needsJson, size, queueIds);
    }

    static List<String> decodeHosts(BytesRef value) {
        return decodeList(new In(value));
    }

    static List<String> decodeFinalRecipients(BytesRef value) {
        return decodeList(new In(value));
    }

    /** Adds the value unless null; returns true (and adds nothing) when it is too long. */
    private static boolean addSorted(Document doc, String field, String value) {
        if (value == null) {
            return false;
        }
        BytesRef bytes = Utf8Terms.of(value);
        if (bytes.length > MAX_VALUE_BYTES) {
            return true;
        }
        doc.add(new SortedDocValuesField(field, bytes));
        return false;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Count, then each string as length + UTF-8. */
    private static byte[] encodeList(List<String> values) {
        Bytes b = new Bytes();
        b.vlong(values.size());
        for (String v : values) {
            byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
            b.vlong(utf8.length);
            b.write(utf8, 0, utf8.length);
        }
        return b.toByteArray();
    }

    private static List<String> decodeList(In in) {
        int n = (int) in.vlong();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = (int) in.vlong();
            out.add(in.string(len));
        }
        return out;
    }

    /** A byte sink with variable-length longs (7 bits per byte, low first). */
    private static final class Bytes extends ByteArrayOutputStream {
        void vlong(long v) {
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }

        void zlong(long v) {
            vlong((v << 1) ^ (v >> 63));
        }
    }

    /** Reads what {@link Bytes} wrote; running past the end is a damaged value. */
    private static final class In {
        private final BytesRef ref;
        private int pos;

        In(BytesRef ref) {
            this.ref = ref;
            this.pos = ref.offset;
        }

        int read() {
            if (pos >= ref.offset + ref.length) {
                throw new IllegalStateException("doc value ends early: the index is damaged");
            }
            return ref.bytes[pos++] & 0xFF;
        }

        long vlong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = read();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalStateException("doc value has a malformed number: the index is damaged");
        }

        long zlong() {
            long z = vlong();
            return (z >>> 1) ^ -(z & 1);
        }

        String string(int len) {
            if (len < 0 || len > ref.offset + ref.length - pos) {
                throw new IllegalStateException("doc value has a bad length " + len + ": the index is damaged");
            }
            String s = new String(ref.bytes, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }
    }
}
