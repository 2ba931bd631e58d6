package org.mailtrace.server.metrics;

import io.micrometer.core.instrument.Gauge;
import org.mailtrace.server.live.LiveFeed;
import org.mailtrace.server.report.ReportService;
import org.mailtrace.server.report.ReportState;

/**
 * Meters of report jobs and the live feed: {@code mailtrace_reports{state}} (reports kept, by state:
 * queued, running, done, failed, capped, cancelled), {@code mailtrace_live_subscribers} and
 * {@code mailtrace_live_dropped_batches}.
 */
public final class JobMetrics {
    private JobMetrics() {
    }

    public static void register(ServerMetrics metrics, ReportService reports, LiveFeed live) {
        for (ReportState s : ReportState.values()) {
            Gauge.builder("mailtrace.reports", () -> reports.countByState().get(s))
                    .description("Report jobs kept, by state").tag("state", s.key()).register(metrics.registry());
        }
        metrics.gauge("mailtrace.live.subscribers", "Open live-feed streams", live::subscriberCount);
        metrics.gauge("mailtrace.live.dropped.batches", "Live-feed batches dropped because subscribers were too slow",
                live::droppedBatches);
    }
}
