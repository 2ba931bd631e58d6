package org.mailtrace.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What {@code /healthz} reports. Parts of the process that can stop working while the API still
 * answers (live ingest: a full disk stops its commits) register a check; each check names its
 * problems in a sentence, or returns none. Any problem makes the server "degraded" (HTTP 503), so a
 * monitor notices that new mail is no longer being traced although searches still work.
 */
public final class Health {
    private final List<Supplier<List<String>>> checks = new CopyOnWriteArrayList<>();

    /** Adds a check, asked at every {@code /healthz}; it must be quick and never throw. */
    public void register(Supplier<List<String>> check) {
        checks.add(check);
    }

    /** Every problem now, in registration order; empty when all is well. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (Supplier<List<String>> c : checks) {
            try {
                out.addAll(c.get());
            } catch (RuntimeException e) {
                out.add("a health check failed: " + e);
            }
        }
        return out;
    }
}
