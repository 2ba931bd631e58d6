package org.mailtrace.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.mailtrace.store.StoreMeters;

/**
 * The server's meters, exposed at {@code /metrics} in Prometheus text format. Live ingest adds
 * its own gauges through {@link #registry()} (lines/s, ingest lag, open messages, skipped lines by
 * reason); report jobs likewise. Names follow Prometheus conventions: {@code mailtrace_} prefix,
 * base units (seconds), {@code _total} for counters (added by the registry).
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<StoreMeters.Meter> storeMeters = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The registry to add meters to. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Times one query of the given kind ({@code search}, {@code detail}, {@code audit}...). */
    public Timer queryTimer(String kind) {
        return Timer.builder("mailtrace.queries")
                .description("Queries answered by the API, by kind, with their latency")
                .tag("kind", kind)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** Counts one answered HTTP request by status class. */
    public void request(int status) {
        Counter.builder("mailtrace.http.requests").description("HTTP requests answered, by status")
                .tag("status", Integer.toString(status)).register(registry).increment();
    }

    /** Counts one refused authentication, by reason (bad-password, unknown-token, ...). */
    public void authFailure(String reason) {
        Counter.builder("mailtrace.auth.failures").description("Refused authentications, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    /** Counts one request refused by the rate limit. */
    public void rateLimited() {
        Counter.builder("mailtrace.rate.limited").description("Requests refused with 429 by the per-user rate limit")
                .register(registry).increment();
    }

    /** A gauge read at every scrape (e.g. rows in the store). */
    public void gauge(String name, String description, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).register(registry);
    }

    /** The store's own meters ({@link StoreMeters}), read at every scrape. */
    public void store(List<StoreMeters.Meter> meters) {
        storeMeters.addAll(meters); // a function counter holds its object weakly: without this it would read 0 forever
        for (StoreMeters.Meter m : meters) {
            if (m.counter()) {
                FunctionCounter.builder(m.name(), m.value(), v -> v.get().doubleValue()).description(m.description()).register(registry);
            } else {
                gauge(m.name(), m.description(), m.value());
            }
        }
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }
}
