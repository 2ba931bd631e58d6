package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.Map;
import org.mailtrace.json.TraceJson;
import org.mailtrace.store.IngestCheckpoint;
import org.mailtrace.store.SavedState;
import org.mailtrace.store.SourcePosition;
import org.mailtrace.store.StoreException;

/**
 * The ingest checkpoint in the {@code <prefix>-state} index: the correlator state as chunk
 * documents {@code state-<generation>-<n>} (1 MiB each, base64, never indexed), then the document
 * {@code checkpoint} naming the source positions (with a writer name, several ingest processes keep
 * theirs apart: {@code checkpoint-<writer>}, {@code state-<writer>-<generation>-<n>}), the generation and the chunk count. The
 * checkpoint document is written last, and only after the commit's trace writes succeeded, so it
 * never points past traces the cluster did not take; the previous generation's chunks are deleted
 * after it. Reading streams the chunks one at a time.
 */
final class CheckpointDocuments {
    private static final int CHUNK_BYTES = 1024 * 1024;
    private final ClusterClient client;
    private final String index;
    /** The checkpoint document's ID: {@code checkpoint}, or {@code checkpoint-<writer>} per ingest process. */
    private final String id;
    private final String chunkPrefix;

    /** @param writer the ingest process's name when several write the store, or null for the single writer */
    CheckpointDocuments(ClusterClient client, TraceIndices names, String writer) {
        this.client = client;
        this.index = names.state();
        this.id = writer == null ? "checkpoint" : "checkpoint-" + writer;
        this.chunkPrefix = writer == null ? "state-" : "state-" + writer + "-";
    }

    /** Creates the state index unless it exists. */
    private void createIndex(OpenSearchSettings s) {
        ClusterClient.Response r = client.send("HEAD", "/" + index, null);
        if (r.status() == 200) {
            return;
        }
        ClusterClient.Response created = client.send("PUT", "/" + index, Json.obj(
                "settings", Json.obj("number_of_shards", 1, "number_of_replicas", s.replicas()),
                "mappings", Json.obj("dynamic", false, "properties", Json.obj("kind", Json.obj("type", "keyword")))));
        boolean raced = created.status() == 400
                && "resource_already_exists_exception".equals(created.body().path("error").path("type").asText());
        if (!created.ok() && !raced) {
            throw client.failure("PUT", "/" + index, created);
        }
    }

    /** The last checkpoint written, or the empty one when there is none (or no state index). */
    IngestCheckpoint read() {
        JsonNode doc = stored();
        if (doc == null) {
            return IngestCheckpoint.empty();
        }
        Map<String, SourcePosition> positions = TraceJson.mapper().convertValue(doc.path("positions"),
                new TypeReference<Map<String, SourcePosition>>() { });
        SavedState state = doc.path("stateChunks").isInt()
                ? new ChunkedState(doc.path("generation").asLong(), doc.path("stateChunks").asInt())
                : null;
        return new IngestCheckpoint(positions == null ? Map.of() : positions, state);
    }

    /**
     * Writes the state's chunks, then the checkpoint document, then deletes the previous chunks.
     * The state index is created with the first checkpoint.
     */
    void write(IngestCheckpoint cp, OpenSearchSettings s) {
        JsonNode previous = stored();
        if (previous == null) {
            createIndex(s);
        }
        long generation = previous == null ? 1 : previous.path("generation").asLong() + 1;
        Integer chunks = null;
        if (cp.correlatorState() != null) {
            try (ChunkWriter out = new ChunkWriter(generation)) {
                cp.correlatorState().writeTo(out);
                out.close();
                chunks = out.count;
            } catch (IOException e) {
                throw new StoreException("cannot write the correlator state to OpenSearch index " + index + ": " + e.getMessage(), e);
            }
        }
        client.expectOk("PUT", "/" + index + "/_doc/" + id, Json.obj("kind", "checkpoint", "generation", generation,
                "positions", TraceJson.mapper().valueToTree(cp.positions()), "stateChunks", chunks));
        if (previous != null && previous.path("stateChunks").isInt()) {
            for (int i = 0; i < previous.path("stateChunks").asInt(); i++) {
                client.send("DELETE", "/" + index + "/_doc/" + chunkId(previous.path("generation").asLong(), i), null);
            }
        }
    }

    private JsonNode stored() {
        ClusterClient.Response r = client.send("GET", "/" + index + "/_doc/" + id, null);
        if (r.status() == 404) { // no checkpoint yet, or no state index yet
            return null;
        }
        if (!r.ok()) {
            throw client.failure("GET", "/" + index + "/_doc/" + id, r);
        }
        return r.body().path("_source");
    }

    private String chunkId(long generation, int n) {
        return chunkPrefix + generation + "-" + n;
    }

    /** Buffers one chunk and stores each full one as a document. */
    private final class ChunkWriter extends OutputStream {
        private final long generation;
        private final byte[] buffer = new byte[CHUNK_BYTES];
        private int used;
        private int count;
        private boolean closed;

        ChunkWriter(long generation) {
            this.generation = generation;
        }

        @Override
        public void write(int b) {
            if (used == buffer.length) {
                store();
            }
            buffer[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (used == buffer.length) {
                    store();
                }
                int n = Math.min(len, buffer.length - used);
                System.arraycopy(b, off, buffer, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        private void store() {
            String data = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer, used));
            client.expectOk("PUT", "/" + index + "/_doc/" + chunkId(generation, count), Json.obj("kind", "state", "data", data));
            count++;
            used = 0;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (used > 0) {
                    store();
                }
            }
        }
    }

    /** The state of one generation, read chunk by chunk when opened. */
    private final class ChunkedState implements SavedState {
        private final long generation;
        private final int chunks;

        ChunkedState(long generation, int chunks) {
            this.generation = generation;
            this.chunks = chunks;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = open()) {
                in.transferTo(out);
            }
        }

        @Override
        public InputStream open() {
            return new InputStream() {
                private int next;
                private InputStream current = InputStream.nullInputStream();

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    while (true) {
                        int n = current.read(b, off, len);
                        if (n >= 0 || next >= chunks) {
                            return n;
                        }
                        current = new ByteArrayInputStream(chunk(next++));
                    }
                }
            };
        }

        private byte[] chunk(int n) throws IOException {
            String id = chunkId(generation, n);
            ClusterClient.Response r = client.send("GET", "/" + index + "/_doc/" + id, null);
            if (!r.ok()) {
                throw new IOException("correlator state chunk " + index + "/" + id + " is not readable (HTTP " + r.status()
                        + "); a later commit replaced this checkpoint, or the state index was changed by hand");
            }
            try {
                return Base64.getDecoder().decode(r.body().path("_source").path("data").asText());
            } catch (IllegalArgumentException e) {
                throw new IOException("correlator state chunk " + index + "/" + id + " is not base64", e);
            }
        }
    }

}
