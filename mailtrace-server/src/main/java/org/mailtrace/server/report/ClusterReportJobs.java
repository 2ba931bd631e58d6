package org.mailtrace.server.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.mailtrace.json.TraceJson;
import org.mailtrace.state.StateDocuments;
import org.mailtrace.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Report jobs in a store several servers share ({@link StateDocuments}), in three kinds:
 * <ul>
 *   <li>{@value #JOBS}: the {@link ReportOrder} (ID = the report's ID), changed only by the server
 *       that holds its claim, with a versioned replace so a deleted job is never brought back;</li>
 *   <li>{@value #LEASES}: the claim, {@code {"node", "until"}}: taken by a create (exactly one server
 *       wins) or, once {@code until} passed because its server stopped renewing it, by a versioned
 *       replace (again exactly one wins). The holder renews it every quarter of {@code lease}; a
 *       server that fails to renew it stops the job. {@code until} is compared with each server's
 *       clock: keep the clocks of a fleet within a few seconds (NTP);</li>
 *   <li>{@value #OUTPUT}: the finished CSV, in order, as documents {@code <id>.<n>} of at most
 *       {@value #CHUNK_BYTES} CSV bytes each, gzipped and base64-encoded, each saying how many there
 *       are; at most {@value #MAX_CSV_BYTES} bytes of CSV per report (a larger one fails and says so).</li>
 * </ul>
 * The CSV is written locally while the job runs ({@code work}), uploaded when complete, before the
 * job's state says done, so a download never sees part of it.
 */
public final class ClusterReportJobs implements ReportJobs {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterReportJobs.class);
    static final String JOBS = "report-jobs";
    static final String LEASES = "report-leases";
    static final String OUTPUT = "report-output";
    static final int CHUNK_BYTES = 1 << 20;
    static final long MAX_CSV_BYTES = 512L << 20;
    /** How long a claim holds without renewal: how soon another server takes over the job of a dead one. */
    public static final Duration LEASE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = TraceJson.mapper();

    private final StateDocuments documents;
    private final Path work;
    private final Clock clock;
    private final Duration lease;
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewer;

    /**
     * @param work a private local directory for the CSVs of running jobs
     */
    public ClusterReportJobs(StateDocuments documents, Path work, Clock clock, Duration lease) {
        this.documents = documents;
        this.work = work;
        this.clock = clock;
        this.lease = lease;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "report-lease");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, lease.toMillis() / 4);
        renewer.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public void add(ReportOrder o) {
        if (!documents.create(JOBS, o.report().id(), JSON.valueToTree(o), Set.of())) {
            throw new IllegalStateException("report " + o.report().id() + " exists already (a random UUID taken twice); order again");
        }
    }

    @Override
    public boolean update(ReportOrder o, boolean durable) {
        String id = o.report().id();
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<StateDocuments.Document> d = documents.get(JOBS, id);
            if (d.isEmpty()) {
                return false;
            }
            if (documents.replace(JOBS, id, JSON.valueToTree(o), Set.of(), d.get().version())) {
                return true;
            }
        }
        return documents.get(JOBS, id).isPresent()
                && fail("report " + id + ": its state changed three times while this server wrote it; is another server running it?");
    }

    private static boolean fail(String message) {
        throw new StoreException(message);
    }

    @Override
    public Optional<ReportOrder> find(String id) {
        return documents.get(JOBS, id).map(ClusterReportJobs::order);
    }

    @Override
    public List<ReportOrder> all() {
        return documents.all(JOBS).stream().map(ClusterReportJobs::order).toList();
    }

    @Override
    public boolean claim(String id) {
        if (documents.get(JOBS, id).isEmpty()) {
            return false;
        }
        ObjectNode mine = leaseNode();
        Optional<StateDocuments.Document> current = documents.get(LEASES, id);
        boolean won;
        if (current.isEmpty()) {
            won = documents.create(LEASES, id, mine, Set.of());
        } else if (node.equals(current.get().source().path("node").asText())) {
            won = true;
        } else if (current.get().source().path("until").asLong() < clock.millis()) {
            won = documents.replace(LEASES, id, mine, Set.of(), current.get().version());
            if (won) {
                LOG.warn("report {}: taking over from {}, whose claim lapsed; running it again from the start",
                        id, current.get().source().path("node").asText());
            }
        } else {
            won = false;
        }
        if (won && held.add(id)) {
            LOG.info("report {}: claimed by this server ({}); running it here", id, node);
        }
        return won;
    }

    private ObjectNode leaseNode() {
        ObjectNode n = JSON.createObjectNode();
        n.put("node", node);
        n.put("until", clock.millis() + lease.toMillis());
        return n;
    }

    private void renewAll() {
        for (String id : List.copyOf(held)) {
            try {
                if (!renew(id)) {
                    held.remove(id);
                    LOG.warn("report {}: this server lost its claim (another server took the job over, or it was deleted); stopping it here", id);
                }
            } catch (RuntimeException e) {
                LOG.warn("report {}: cannot renew this server's claim: {}; trying again in {} ms", id, e.getMessage(),
                        lease.toMillis() / 4);
            }
        }
    }

    private boolean renew(String id) {
        Optional<StateDocuments.Document> current = documents.get(LEASES, id);
        return current.isPresent() && node.equals(current.get().source().path("node").asText())
                && documents.replace(LEASES, id, leaseNode(), Set.of(), current.get().version());
    }

    @Override
    public boolean stillMine(String id) {
        return held.contains(id);
    }

    @Override
    public void release(String id) {
        held.remove(id);
        Optional<StateDocuments.Document> current = documents.get(LEASES, id);
        if (current.isPresent() && node.equals(current.get().source().path("node").asText())) {
            documents.delete(LEASES, id);
        }
    }

    @Override
    public Path partialCsv(String id) {
        return work.resolve(id + ".csv.part");
    }

    @Override
    public void keepCsv(String id, Path partial) throws IOException {
        long size = Files.size(partial);
        if (size > MAX_CSV_BYTES) {
            Files.deleteIfExists(partial);
            throw new IOException("the CSV is " + size + " bytes, more than the " + MAX_CSV_BYTES
                    + " a cluster keeps per report; narrow the search or lower report-max-rows");
        }
        deleteChunks(id); // what a server that died while uploading left
        int chunks = (int) Math.max(1, (size + CHUNK_BYTES - 1) / CHUNK_BYTES);
        try (InputStream in = Files.newInputStream(partial)) {
            for (int n = 0; n < chunks; n++) {
                ObjectNode doc = JSON.createObjectNode();
                doc.put("report", id);
                doc.put("seq", n);
                doc.put("of", chunks);
                doc.put("gzip", Base64.getEncoder().encodeToString(gzip(in.readNBytes(CHUNK_BYTES))));
                documents.put(OUTPUT, chunkId(id, n), doc, Set.of(id));
            }
        }
        Files.deleteIfExists(partial);
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        }
        return out.toByteArray();
    }

    private static String chunkId(String id, int n) {
        return id + "." + n;
    }

    /** Reads the chunks one at a time, in order: memory stays at one chunk whatever the CSV's size. */
    @Override
    public Optional<InputStream> openCsv(String id) throws IOException {
        Optional<StateDocuments.Document> first = documents.get(OUTPUT, chunkId(id, 0));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        int of = first.get().source().path("of").asInt();
        return Optional.of(new InputStream() {
            private int next = 1;
            private InputStream current = unzip(first.get());

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (true) {
                    int n = current.read(b, off, len);
                    if (n >= 0 || next >= of) {
                        return n;
                    }
                    int seq = next++;
                    current = unzip(documents.get(OUTPUT, chunkId(id, seq)).orElseThrow(() -> new IOException(
                            "report " + id + ": part " + seq + " of " + of + " of its CSV is missing (deleted meanwhile?); order it again")));
                }
            }
        });
    }

    private static InputStream unzip(StateDocuments.Document chunk) throws IOException {
        byte[] gz = Base64.getDecoder().decode(chunk.source().path("gzip").asText());
        return new ByteArrayInputStream(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes());
    }

    private void deleteChunks(String id) {
        for (int n = 0; documents.delete(OUTPUT, chunkId(id, n)); n++) {
            // chunks are written from 0 up, so the first missing one ends them
        }
    }

    @Override
    public boolean delete(String id) {
        boolean existed = documents.delete(JOBS, id);
        documents.delete(LEASES, id);
        held.remove(id);
        deleteChunks(id);
        try {
            Files.deleteIfExists(partialCsv(id));
        } catch (IOException e) {
            LOG.warn("{}: cannot delete: {}", partialCsv(id), e.getMessage());
        }
        return existed;
    }

    private static ReportOrder order(StateDocuments.Document d) {
        try {
            return JSON.treeToValue(d.source(), ReportOrder.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("report document " + d.id() + " (kind " + JOBS + ") is unreadable: "
                    + e.getOriginalMessage() + "; fix or delete that document", e);
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        for (String id : List.copyOf(held)) {
            try {
                release(id); // another server can take the job at once, not after the claim lapses
            } catch (RuntimeException e) {
                LOG.warn("report {}: cannot release this server's claim: {}; another server takes it after {}s",
                        id, e.getMessage(), lease.toSeconds());
            }
        }
    }
}
