package org.mailtrace.server.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.mailtrace.server.JobSettings;
import org.mailtrace.server.savedquery.SearchCriteria;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Report jobs: ordered through the API, run on a small pool ({@code report-concurrency}), kept in
 * {@code DIR/reports/} for {@code report-retention-days}, surviving restarts. At start, a report that
 * was running when the server stopped is marked failed (its partial CSV removed) and queued ones are
 * queued again; expired reports are purged at start and daily.
 */
public final class ReportService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);
    static final String INTERRUPTED = "the server stopped while this report was running; order it again";

    private final ReportFiles files;
    private final ReportRunner runner;
    private final ReportNotifier notifier;
    private final WebhookTargets webhooks;
    private final JobSettings settings;
    private final Clock clock;
    private final BiFunction<SearchCriteria, Set<String>, TraceQuery> toQuery;
    private final Map<String, ReportOrder> orders = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final ExecutorService pool;
    private final ScheduledExecutorService purger;

    /**
     * @param webhooks where notifications may be POSTed
     * @param toQuery the search of a report's criteria within its owner's scope (the API's parameter rules)
     */
    public ReportService(Path dataDir, TraceReader store, JobSettings settings, WebhookTargets webhooks, Clock clock,
                         BiFunction<SearchCriteria, Set<String>, TraceQuery> toQuery) {
        this.files = new ReportFiles(dataDir);
        this.runner = new ReportRunner(store);
        this.notifier = new ReportNotifier(settings.smtpRelay(), settings.smtpFrom(), webhooks);
        this.settings = settings;
        this.webhooks = webhooks;
        this.clock = clock;
        this.toQuery = toQuery;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.reportConcurrency(), r -> daemon(r, "report-" + n.incrementAndGet()));
        this.purger = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "report-purge"));
        recover();
        purger.scheduleAtFixedRate(this::purge, 1, 1, TimeUnit.DAYS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void recover() {
        for (ReportOrder o : files.loadAll()) {
            Report r = o.report();
            if (r.state() == ReportState.RUNNING) {
                o = o.with(r.with(ReportState.FAILED, r.progress(), r.rows(), false, clock.instant(), INTERRUPTED));
                files.delete(r.id());
                files.save(o);
                LOG.warn("report {}: {}", r.id(), INTERRUPTED);
            }
            orders.put(r.id(), o);
        }
        purge();
        orders.values().stream().filter(o -> o.report().state() == ReportState.QUEUED)
                .sorted(Comparator.comparing(o -> o.report().createdAt()))
                .forEach(o -> pool.execute(() -> run(o.report().id())));
    }

    /** Where webhooks may go, for checking an order before it is queued. */
    public WebhookTargets webhookTargets() {
        return webhooks;
    }

    /** True when e-mail notifications can be sent (an smtp-relay is configured). */
    public boolean canMail() {
        return notifier.canMail();
    }

    /** Queues a report; its query must already be checked (the caller builds it with {@code toQuery}). */
    public Report order(ReportType type, String title, SearchCriteria criteria, String owner, Set<String> scopeDomains,
                        ReportNotify notify) {
        Report r = new Report(UUID.randomUUID().toString(), title, type, ReportState.QUEUED, 0.0, 0, false,
                clock.instant(), null, owner, criteria, null);
        ReportOrder o = new ReportOrder(r, scopeDomains, notify);
        files.save(o);
        orders.put(r.id(), o);
        pool.execute(() -> run(r.id()));
        return r;
    }

    private volatile boolean closing;

    private void run(String id) {
        ReportOrder o = orders.get(id);
        if (closing || o == null || o.report().state() != ReportState.QUEUED || cancelled.contains(id)) {
            return;
        }
        update(id, r -> r.with(ReportState.RUNNING, 0.0, 0, false, null, null), true);
        ReportState end;
        String error = null;
        ReportRunner.Outcome out = new ReportRunner.Outcome(0, false, false);
        try {
            TraceQuery q = toQuery.apply(o.report().query(), o.scopeDomains());
            out = runner.run(o.report().type(), q, o.scopeDomains(), settings.reportMaxRows(), files.partialCsv(id), files.csv(id),
                    p -> update(id, r -> r.with(r.state(), p, r.rows(), false, null, null), false),
                    () -> cancelled.contains(id));
            end = out.cancelled() ? ReportState.CANCELLED : out.capped() ? ReportState.CAPPED : ReportState.DONE;
        } catch (IOException | RuntimeException e) {
            LOG.error("report {}: failed", id, e);
            end = ReportState.FAILED;
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (end != ReportState.DONE && end != ReportState.CAPPED) {
            try {
                Files.deleteIfExists(files.partialCsv(id));
            } catch (IOException e) {
                LOG.warn("report {}: cannot delete the partial CSV: {}", id, e.getMessage());
            }
        }
        if (cancelled.remove(id)) {
            return; // deleted while running: its files are gone and must stay gone
        }
        ReportState state = end;
        String err = error;
        long rows = out.rows();
        boolean capped = out.capped();
        ReportOrder done = update(id, r -> r.with(state, state == ReportState.FAILED ? r.progress() : 1.0, rows, capped,
                clock.instant(), err), true);
        if (done != null) {
            notifier.notify(done);
        }
    }

    private synchronized ReportOrder update(String id, java.util.function.UnaryOperator<Report> change, boolean persist) {
        ReportOrder o = orders.get(id);
        if (o == null) {
            return null;
        }
        ReportOrder n = o.with(change.apply(o.report()));
        if (persist) {
            files.save(n); // durable first: a state others can see is a state a restart finds
        }
        orders.put(id, n);
        return n;
    }

    /** Every report, newest first. */
    public List<Report> list() {
        return orders.values().stream().map(ReportOrder::report)
                .sorted(Comparator.comparing(Report::createdAt).reversed()).toList();
    }

    public Optional<Report> find(String id) {
        return Optional.ofNullable(orders.get(id)).map(ReportOrder::report);
    }

    /** The CSV of a finished report, when it has one. */
    public Optional<Path> csv(String id) {
        return find(id).filter(r -> r.state().hasCsv()).map(r -> files.csv(id)).filter(Files::isRegularFile);
    }

    /** Deletes a report and its files; a queued or running one is cancelled first. */
    public synchronized boolean delete(String id) {
        ReportOrder o = orders.remove(id);
        if (o == null) {
            return false;
        }
        if (!o.report().state().finished()) {
            cancelled.add(id);
        }
        files.delete(id);
        return true;
    }

    /** Deletes finished reports older than the retention. */
    void purge() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(settings.reportRetentionDays()));
        for (ReportOrder o : List.copyOf(orders.values())) {
            Report r = o.report();
            Instant t = r.finishedAt() != null ? r.finishedAt() : r.createdAt();
            if (r.state().finished() && t.isBefore(cutoff)) {
                LOG.info("report {}: purged after {} days", r.id(), settings.reportRetentionDays());
                delete(r.id());
            }
        }
    }

    /** Reports per state, for /metrics. */
    public Map<ReportState, Long> countByState() {
        Map<ReportState, Long> m = new EnumMap<>(ReportState.class);
        for (ReportState s : ReportState.values()) {
            m.put(s, 0L);
        }
        orders.values().forEach(o -> m.merge(o.report().state(), 1L, Long::sum));
        return m;
    }

    @Override
    public void close() {
        closing = true; // queued reports stay queued: they run at the next start
        purger.shutdownNow();
        // A report that is finishing gets a moment to write its final state: an interrupt would cut its fsync short.
        pool.shutdown();
        try {
            if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
