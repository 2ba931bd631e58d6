package org.mailtrace.cli;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.correlate.TraceChanges;
import org.mailtrace.format.Formats;
import org.mailtrace.format.LineFormat;
import org.mailtrace.pipeline.FollowSettings;
import org.mailtrace.pipeline.IngestPipeline;
import org.mailtrace.pipeline.IngestSettings;
import org.mailtrace.pipeline.IngestStats;
import org.mailtrace.pipeline.ProgressListener;
import org.mailtrace.server.HostPort;
import org.mailtrace.server.ServerConfig;
import org.mailtrace.server.metrics.ServerMetrics;
import org.mailtrace.source.LogDirectory;
import org.mailtrace.source.syslog.ListenerSettings;
import org.mailtrace.source.syslog.SyslogQueue;
import org.mailtrace.source.syslog.SyslogReceiver;
import org.mailtrace.source.syslog.SyslogTransport;
import org.mailtrace.source.syslog.TlsServerContext;
import org.mailtrace.store.TraceStore;

/**
 * The live sources of {@code serve}: followed files and syslog listeners feeding one ingest thread
 * (one correlator, so a message whose lines arrive by different routes is still one trace), with
 * its meters on {@code /metrics}. Closing it stops the listeners, lets the ingest thread commit what
 * it has, and waits for it.
 */
final class LiveIngest implements AutoCloseable {
    /** Lines waiting between the listeners and the ingest thread; TCP senders wait when it is full. */
    static final int QUEUE_CAPACITY = 100_000;

    private final IngestPipeline pipeline;
    private final List<SyslogReceiver> receivers;
    private final SyslogQueue queue;
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean stopping;

    private LiveIngest(IngestPipeline pipeline, List<SyslogReceiver> receivers, SyslogQueue queue,
                       List<java.nio.file.Path> followed, List<LogDirectory> watched, PrintWriter err) {
        this.pipeline = pipeline;
        this.receivers = receivers;
        this.queue = queue;
        this.thread = new Thread(() -> run(followed, watched, err), "mailtrace-ingest");
    }

    static LiveIngest start(ServerConfig cfg, TraceStore store, ServerMetrics metrics,
                            Consumer<TraceChanges> onCommit, PrintWriter err) throws IOException {
        return start(cfg, store, metrics, onCommit, err, QUEUE_CAPACITY);
    }

    /** As {@link #start(ServerConfig, TraceStore, ServerMetrics, Consumer, PrintWriter)} with a given queue size (tests). */
    static LiveIngest start(ServerConfig cfg, TraceStore store, ServerMetrics metrics,
                            Consumer<TraceChanges> onCommit, PrintWriter err, int queueCapacity) throws IOException {
        LineFormat format = Formats.AUTO.equalsIgnoreCase(cfg.format()) ? null : Formats.byName(cfg.format());
        ZoneId zone = cfg.timezone() == null ? ZoneId.systemDefault() : cfg.timezone();
        CorrelationSettings correlation = cfg.caps().applyTo(new CorrelationSettings(
                new LinkedHashSet<>(cfg.acceptedDomains()), cfg.trustedNetworks(), CorrelationSettings.defaults().idleLimit()));
        IngestSettings settings = new IngestSettings(format == null ? Formats.AUTO : format.name(), null, zone, correlation,
                IngestSettings.DEFAULT_COMMIT_EVERY_LINES, IngestSettings.DEFAULT_MAX_LINE_BYTES,
                Duration.ofDays(cfg.retentionDays()));
        IngestPipeline pipeline = new IngestPipeline(store, format, settings, ProgressListener.NONE, Clock.systemUTC(), null);
        if (org.mailtrace.store.StoreOptions.fromEnvironment(false, System.getenv()).writer() != null) {
            pipeline.joinHopsThroughStore(); // one of several ingest processes: relay hops meet through the store
        }
        pipeline.onCommit(onCommit);
        SyslogQueue queue = new SyslogQueue(queueCapacity);
        List<SyslogReceiver> receivers = new ArrayList<>();
        try {
            SSLContext tls = cfg.syslogTls().isEmpty() ? null : TlsServerContext.fromPem(cfg.tlsCert(), cfg.tlsKey());
            for (HostPort hp : cfg.syslogUdp()) {
                receivers.add(listen(ListenerSettings.of(SyslogTransport.UDP, hp.host(), hp.port()), queue, err));
            }
            int maxConnections = cfg.limits().syslogMaxConnections();
            Duration idle = cfg.limits().syslogIdleTimeout();
            for (HostPort hp : cfg.syslogTcp()) {
                receivers.add(listen(ListenerSettings.of(SyslogTransport.TCP, hp.host(), hp.port())
                        .withConnectionLimits(maxConnections, idle), queue, err));
            }
            for (HostPort hp : cfg.syslogTls()) {
                receivers.add(listen(ListenerSettings.tls(hp.host(), hp.port(), tls)
                        .withConnectionLimits(maxConnections, idle), queue, err));
            }
        } catch (IOException | RuntimeException e) {
            receivers.forEach(SyslogReceiver::stop);
            throw e;
        }
        List<LogDirectory> watched = cfg.watchDir() == null ? List.of() : List.of(LogDirectory.of(cfg.watchDir(), cfg.logPattern()));
        LiveIngest live = new LiveIngest(pipeline, receivers, queue, cfg.follow(), watched, err);
        live.meters(metrics.registry(), onCommit);
        live.thread.start();
        for (var p : cfg.follow()) {
            err.println("serve: following " + p);
        }
        for (LogDirectory d : watched) {
            err.println("serve: watching " + d.dir() + " for '" + d.pattern() + "'");
        }
        return live;
    }

    private static SyslogReceiver listen(ListenerSettings settings, SyslogQueue queue, PrintWriter err) throws IOException {
        SyslogReceiver r = SyslogReceiver.create(settings, queue);
        r.start();
        err.println("serve: receiving syslog on " + r.name());
        return r;
    }

    private void run(List<java.nio.file.Path> followed, List<LogDirectory> watched, PrintWriter err) {
        try {
            pipeline.live(followed, watched, receivers.isEmpty() ? null : queue, FollowSettings.defaults());
        } catch (Throwable e) {
            failure = e;
            err.println("serve: live ingest stopped: " + e.getMessage() + "; searches keep working, restart serve to resume ingest");
        }
    }

    private void meters(MeterRegistry registry, Consumer<TraceChanges> onCommit) {
        IngestStats s = pipeline.stats();
        FunctionCounter.builder("mailtrace.ingest.lines", s, IngestStats::read)
                .description("Log lines read by live ingest (rate() gives lines/s)").register(registry);
        FunctionCounter.builder("mailtrace.ingest.lines.used", s, IngestStats::used)
                .description("Lines that carried trace data").register(registry);
        FunctionCounter.builder("mailtrace.ingest.lines.skipped", s, IngestStats::ignored)
                .tags("reason", "ignored").description("Lines skipped, by reason").register(registry);
        FunctionCounter.builder("mailtrace.ingest.lines.skipped", s, IngestStats::foreign)
                .tags("reason", "foreign").description("Lines skipped, by reason").register(registry);
        FunctionCounter.builder("mailtrace.ingest.lines.skipped", s, IngestStats::malformedTotal)
                .tags("reason", "malformed").description("Lines skipped, by reason").register(registry);
        FunctionCounter.builder("mailtrace.ingest.address.probes", s, IngestStats::addressProbes)
                .description("Address-verification probes read (not mail, no rows)").register(registry);
        FunctionCounter.builder("mailtrace.correlator.evicted.cap", s, IngestStats::evictedByCap)
                .description("Messages moved out of memory early as partial traces: the cap on open messages"
                        + " (max-open-messages), on their memory (max-open-memory-mb) or on lines per message was reached").register(registry);
        FunctionCounter.builder("mailtrace.correlator.lines.cut", s, IngestStats::eventsCut)
                .description("Lines with a text (subject, reply, the line) cut to max-field-chars").register(registry);
        Gauge.builder("mailtrace.ingest.open.messages", pipeline, IngestPipeline::openMessages)
                .description("Messages the correlator holds open now").register(registry);
        Gauge.builder("mailtrace.ingest.lag.seconds", pipeline, LiveIngest::lagSeconds)
                .description("Seconds between now and the newest log line ingested (NaN before the first line)")
                .register(registry);
        Gauge.builder("mailtrace.syslog.queue.lines", queue, SyslogQueue::size)
                .description("Syslog lines received and not yet ingested").register(registry);
        for (SyslogReceiver r : receivers) {
            Tags tags = Tags.of("listener", r.name());
            FunctionCounter.builder("mailtrace.syslog.received", r, x -> x.counts().received())
                    .tags(tags).description("Syslog messages received, per listener").register(registry);
            FunctionCounter.builder("mailtrace.syslog.dropped", r, x -> x.counts().droppedQueueFull())
                    .tags(tags.and("reason", "queue-full")).description("Syslog messages dropped (UDP only), by reason").register(registry);
            FunctionCounter.builder("mailtrace.syslog.dropped", r, x -> x.counts().badFrames())
                    .tags(tags.and("reason", "bad-frame")).description("Syslog messages dropped (UDP only), by reason").register(registry);
            FunctionCounter.builder("mailtrace.syslog.truncated", r, x -> x.counts().truncated())
                    .tags(tags).description("Syslog messages cut at the size limit").register(registry);
            if (!r.name().startsWith("udp:")) {
                Gauge.builder("mailtrace.syslog.connections.open", r, x -> x.counts().connectionsOpen())
                        .tags(tags).description("TCP/TLS syslog connections open now").register(registry);
                FunctionCounter.builder("mailtrace.syslog.connections.refused", r, x -> x.counts().connectionsRefused())
                        .tags(tags).description("TCP/TLS syslog connections closed on accept: syslog-max-connections were open")
                        .register(registry);
                FunctionCounter.builder("mailtrace.syslog.connections.idle.closed", r, x -> x.counts().idleClosed())
                        .tags(tags).description("TCP/TLS syslog connections closed after syslog-idle-timeout without data")
                        .register(registry);
            }
        }
        MultiGauge malformed = MultiGauge.builder("mailtrace.ingest.lines.malformed")
                .description("Malformed lines by reason since start").register(registry);
        pipeline.onCommit(changes -> {
            // Reasons appear as lines arrive: refresh the per-reason rows at each commit.
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (Map.Entry<String, Long> e : s.malformed().entrySet()) {
                rows.add(MultiGauge.Row.of(Tags.of("reason", e.getKey()), e.getValue()));
            }
            malformed.register(rows, true);
            if (onCommit != null) {
                onCommit.accept(changes);
            }
        });
    }

    private static double lagSeconds(IngestPipeline p) {
        Instant newest = p.newestLine();
        return newest == null ? Double.NaN : Math.max(0, Duration.between(newest, Instant.now()).toMillis() / 1000.0);
    }

    /**
     * What {@code /healthz} reports as degraded: the ingest thread stopped (a full disk, an
     * unwritable store), or the syslog queue full (ingest behind: TCP senders wait, UDP drops).
     * Empty while all is well and after a requested stop.
     */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        Throwable f = failure;
        if (f != null) {
            out.add("live ingest stopped: " + f.getMessage() + "; new lines are not traced until serve is restarted");
        } else if (!stopping && thread.getState() == Thread.State.TERMINATED) {
            out.add("live ingest stopped; new lines are not traced until serve is restarted");
        }
        if (!receivers.isEmpty() && queue.size() >= queue.capacity()) {
            out.add("syslog queue full (" + queue.size() + " lines): ingest is behind, TCP senders wait and UDP messages are dropped");
        }
        return out;
    }

    /** Why the ingest thread stopped early, or null while it runs (or after a clean stop). */
    Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        stopping = true;
        receivers.forEach(SyslogReceiver::stop);
        pipeline.stop();
        try {
            thread.join(Duration.ofMinutes(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
