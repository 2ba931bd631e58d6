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
import java.io.InputStream;
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
 * {@link ReportJobs} for {@code report-retention-days}, surviving restarts. In a directory (one
 * server), at start a report that was running when the server stopped is marked failed (its partial
 * CSV removed) and queued ones are queued again. Shared by several servers, every server looks for
 * jobs nobody runs every {@link #scanEvery} (queued ones, and running ones whose server died), claims
 * them and runs them from the start; a job runs on one server at a time. Expired reports are purged at
 * start and daily.
 */
public final class ReportService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);
    static final String INTERRUPTED = "the server stopped while this report was running; order it again";

    private final ReportJobs jobs;
    private final ReportRunner runner;
    private final ReportNotifier notifier;
    private final WebhookTargets webhooks;
    private final JobSettings settings;
    private final Clock clock;
    private final BiFunction<SearchCriteria, Set<String>, TraceQuery> toQuery;
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Set<String> here = ConcurrentHashMap.newKeySet();
    private final ExecutorService pool;
    private final ScheduledExecutorService purger;
    private final Duration scanEvery;

    /** Jobs in {@code DIR/reports/} (one server). */
    public ReportService(Path dataDir, TraceReader store, JobSettings settings, WebhookTargets webhooks, Clock clock,
                         BiFunction<SearchCriteria, Set<String>, TraceQuery> toQuery) {
        this(new DirectoryReportJobs(dataDir), store, settings, webhooks, clock, toQuery, Duration.ofSeconds(5));
    }

    /**
     * @param jobs      where the jobs are kept; this service closes it
     * @param webhooks  where notifications may be POSTed
     * @param toQuery   the search of a report's criteria within its owner's scope (the API's parameter rules)
     * @param scanEvery for shared jobs, how often to look for jobs no server runs
     */
    public ReportService(ReportJobs jobs, TraceReader store, JobSettings settings, WebhookTargets webhooks, Clock clock,
                         BiFunction<SearchCriteria, Set<String>, TraceQuery> toQuery, Duration scanEvery) {
        this.jobs = jobs;
        this.runner = new ReportRunner(store);
        this.notifier = new ReportNotifier(settings.smtpRelay(), settings.smtpFrom(), webhooks);
        this.settings = settings;
        this.webhooks = webhooks;
        this.clock = clock;
        this.toQuery = toQuery;
        this.scanEvery = scanEvery;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.reportConcurrency(), r -> daemon(r, "report-" + n.incrementAndGet()));
        this.purger = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "report-purge"));
        if (jobs.shared()) {
            purge();
            purger.scheduleWithFixedDelay(this::scan, 0, scanEvery.toMillis(), TimeUnit.MILLISECONDS);
            purger.scheduleWithFixedDelay(this::purge, 1, 1, TimeUnit.DAYS);
        } else {
            recover();
            purger.scheduleAtFixedRate(this::purge, 1, 1, TimeUnit.DAYS);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void recover() {
        for (ReportOrder o : jobs.all()) {
            Report r = o.report();
            if (r.state() == ReportState.RUNNING) {
                jobs.update(o.with(r.with(ReportState.FAILED, r.progress(), r.rows(), false, clock.instant(), INTERRUPTED)), true);
                try {
                    Files.deleteIfExists(jobs.partialCsv(r.id()));
                } catch (IOException e) {
                    LOG.warn("report {}: cannot delete the partial CSV: {}", r.id(), e.getMessage());
                }
                LOG.warn("report {}: {}", r.id(), INTERRUPTED);
            }
        }
        purge();
        jobs.all().stream().filter(o -> o.report().state() == ReportState.QUEUED)
                .sorted(Comparator.comparing(o -> o.report().createdAt()))
                .forEach(o -> submit(o.report().id()));
    }

    /** Claims, oldest first, the unfinished jobs no server runs, while this server has room for them. */
    private void scan() {
        try {
            List<ReportOrder> open = jobs.all().stream().filter(o -> !o.report().state().finished())
                    .sorted(Comparator.comparing(o -> o.report().createdAt())).toList();
            for (ReportOrder o : open) {
                String id = o.report().id();
                if (closing || here.size() >= settings.reportConcurrency()) {
                    return;
                }
                if (!here.contains(id) && jobs.claim(id)) {
                    submit(id);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("reports: cannot look for jobs to run: {}; trying again in {}s", e.getMessage(), scanEvery.toSeconds());
        }
    }

    private void submit(String id) {
        if (here.add(id)) {
            pool.execute(() -> {
                try {
                    run(id);
                } finally {
                    here.remove(id);
                }
            });
        }
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
        jobs.add(o);
        if (here.size() < settings.reportConcurrency() || !jobs.shared()) {
            submit(r.id()); // shared: when this server is busy, another one's scan takes it
        }
        return r;
    }

    private volatile boolean closing;

    private void run(String id) {
        if (closing || cancelled.contains(id) || !jobs.claim(id)) {
            return;
        }
        try {
            runClaimed(id);
        } catch (RuntimeException e) {
            LOG.error("report {}: cannot record its state: {}; another server (or this one's next scan) runs it again",
                    id, e.getMessage(), e);
        } finally {
            jobs.release(id);
        }
    }

    private void runClaimed(String id) {
        ReportOrder o = jobs.find(id).orElse(null);
        if (o == null || o.report().state().finished()) {
            return;
        }
        if (update(id, r -> r.with(ReportState.RUNNING, 0.0, 0, false, null, null), true) == null) {
            return;
        }
        ReportState end;
        String error = null;
        ReportRunner.Outcome out = new ReportRunner.Outcome(0, false, false);
        Path partial = jobs.partialCsv(id);
        try {
            TraceQuery q = toQuery.apply(o.report().query(), o.scopeDomains());
            out = runner.run(o.report().type(), q, o.scopeDomains(), settings.reportMaxRows(), partial,
                    p -> update(id, r -> r.with(r.state(), p, r.rows(), false, null, null), false),
                    () -> cancelled.contains(id) || !jobs.stillMine(id));
            end = out.cancelled() ? ReportState.CANCELLED : out.capped() ? ReportState.CAPPED : ReportState.DONE;
            if (end != ReportState.CANCELLED) {
                jobs.keepCsv(id, partial);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("report {}: failed", id, e);
            end = ReportState.FAILED;
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (end != ReportState.DONE && end != ReportState.CAPPED) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                LOG.warn("report {}: cannot delete the partial CSV: {}", id, e.getMessage());
            }
        }
        if (cancelled.remove(id)) {
            jobs.delete(id); // deleted while running: what this run stored after the delete (CSV parts) goes too
            return;
        }
        if (!jobs.stillMine(id)) {
            LOG.warn("report {}: stopped here, another server holds it now", id);
            return;
        }
        ReportState state = end;
        String err = error;
        long rows = out.rows();
        boolean capped = out.capped();
        ReportOrder done = update(id, r -> r.with(state, state == ReportState.FAILED ? r.progress() : 1.0, rows, capped,
                clock.instant(), err), true);
        if (done != null) {
            notifier.notify(done);
        } else {
            jobs.delete(id); // deleted just before it finished: its CSV must not outlive it
        }
    }

    /** The job changed; null (and the job marked cancelled here) when it was deleted meanwhile. */
    private ReportOrder update(String id, java.util.function.UnaryOperator<Report> change, boolean durable) {
        ReportOrder o = jobs.find(id).orElse(null);
        if (o == null) {
            cancelled.add(id);
            return null;
        }
        ReportOrder n = o.with(change.apply(o.report()));
        if (!jobs.update(n, durable)) {
            cancelled.add(id);
            return null;
        }
        return n;
    }

    /** Every report, newest first. */
    public List<Report> list() {
        return jobs.all().stream().map(ReportOrder::report)
                .sorted(Comparator.comparing(Report::createdAt).reversed()).toList();
    }

    public Optional<Report> find(String id) {
        return jobs.find(id).map(ReportOrder::report);
    }

    /** The CSV of a finished report, when it has one; the caller closes the stream. */
    public Optional<InputStream> csv(String id) throws IOException {
        return find(id).filter(r -> r.state().hasCsv()).isPresent() ? jobs.openCsv(id) : Optional.empty();
    }

    /** Deletes a report and its files; a queued or running one is cancelled first. */
    public boolean delete(String id) {
        ReportOrder o = jobs.find(id).orElse(null);
        if (o == null) {
            return false;
        }
        if (!o.report().state().finished() && here.contains(id)) {
            cancelled.add(id); // running elsewhere, that server sees the job gone at its next progress update
        }
        return jobs.delete(id);
    }

    /** Deletes finished reports older than the retention. */
    void purge() {
        try {
            purgeExpired();
        } catch (RuntimeException e) {
            LOG.warn("reports: cannot purge expired reports: {}; trying again tomorrow", e.getMessage());
        }
    }

    private void purgeExpired() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(settings.reportRetentionDays()));
        for (ReportOrder o : jobs.all()) {
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
        jobs.all().forEach(o -> m.merge(o.report().state(), 1L, Long::sum));
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
        jobs.close(); // shared: releases the claims of jobs cut short, so another server takes them at once
    }
}
