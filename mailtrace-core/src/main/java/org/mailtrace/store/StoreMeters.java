package org.mailtrace.store;

import java.util.List;
import java.util.function.Supplier;

/**
 * What a store counts about its own work, for the server's {@code /metrics}: a store over a network
 * (requests, retries, fail-overs, bulk latency) says so here, and the server exposes it beside its
 * own meters without knowing the store. An embedded store has nothing to add and does not implement
 * this. Values are read at each scrape, from any thread.
 */
public interface StoreMeters {

    /**
     * One number.
     *
     * @param name        dotted, as Micrometer names meters ({@code mailtrace.store.requests}); the
     *                    registry makes it {@code mailtrace_store_requests_total} for a counter
     * @param description one line for the exposition's {@code # HELP}
     * @param counter     true when it only grows (a count, a total of seconds), false for a gauge
     */
    record Meter(String name, String description, boolean counter, Supplier<Number> value) {
    }

    List<Meter> meters();

    /** The meters of {@code store}, none when it keeps none. */
    static List<Meter> of(Object store) {
        return store instanceof StoreMeters m ? m.meters() : List.of();
    }
}
