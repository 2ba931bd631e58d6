package org.mailtrace.bench.run;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.TraceRow;
import org.mailtrace.query.TraceService;
import org.mailtrace.store.TraceQuery;

/**
 * Warm query latency, first page of 100 rows, through the same {@link TraceService} the CLI uses.
 * Parameters are drawn from rows actually in the store (sampled across the whole day), so every
 * query asks for something that exists, as a user tracing a real message would.
 */
final class QueryLatency {
    static final int PAGE = 100;

    /** Latency percentiles in milliseconds of one kind of query, and the mean rows returned. */
    record Result(String query, int runs, double p50Ms, double p99Ms, double maxMs, double meanRows) {
    }

    private final TraceService service;
    private final SplittableRandom random;
    private final LocalDate day;
    private final List<TraceRow> sample = new ArrayList<>();

    QueryLatency(TraceService service, long seed, LocalDate day) {
        this.service = service;
        this.random = new SplittableRandom(seed);
        this.day = day;
    }

    /** Runs every query kind {@code warmup} times unmeasured, then {@code runs} times measured. */
    Map<String, Result> measure(int warmup, int runs) {
        sampleRows();
        Map<String, Function<SplittableRandom, TraceQuery>> kinds = new LinkedHashMap<>();
        kinds.put("one recipient", r -> TraceQuery.builder().recipients(List.of(pick(r).recipientAddress())).build());
        kinds.put("sender domain wildcard", r -> TraceQuery.builder().senders(List.of("*@" + senderDomain(r))).build());
        kinds.put("message ID", r -> TraceQuery.builder().messageId(messageId(r)).build());
        kinds.put("status + 1-day window", r -> {
            DeliveryStatus[] statuses = {DeliveryStatus.Delivered, DeliveryStatus.Failed, DeliveryStatus.FilteredAsSpam, DeliveryStatus.Pending};
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofHours(r.nextInt(24)));
            return TraceQuery.builder().statuses(Set.of(statuses[r.nextInt(statuses.length)]))
                    .start(start).end(start.plus(Duration.ofDays(1))).build();
        });
        kinds.put("subject contains", r -> TraceQuery.builder().subject(subjectWord(r), TraceQuery.SubjectMatch.CONTAINS).build());
        Map<String, Result> out = new LinkedHashMap<>();
        for (var kind : kinds.entrySet()) {
            for (int i = 0; i < warmup; i++) {
                service.search(kind.getValue().apply(random), null, PAGE);
            }
            long[] nanos = new long[runs];
            long rows = 0;
            for (int i = 0; i < runs; i++) {
                TraceQuery q = kind.getValue().apply(random);
                long t0 = System.nanoTime();
                rows += service.search(q, null, PAGE).rows().size();
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            out.put(kind.getKey(), new Result(kind.getKey(), runs, percentile(nanos, 50), percentile(nanos, 99),
                    nanos[runs - 1] / 1e6, (double) rows / runs));
        }
        return out;
    }

    /** A few rows from each of 96 quarter-hours of the day, newest first within each. */
    private void sampleRows() {
        Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int i = 0; i < 96; i++) {
            Instant from = dayStart.plus(Duration.ofMinutes(15L * i));
            TraceQuery q = TraceQuery.builder().start(from).end(from.plus(Duration.ofMinutes(15))).build();
            sample.addAll(service.search(q, null, 20).rows());
        }
        if (sample.isEmpty()) {
            throw new IllegalStateException("the store has no rows on " + day + "; did the ingest fail?");
        }
    }

    private TraceRow pick(SplittableRandom r) {
        return sample.get(r.nextInt(sample.size()));
    }

    /**
     * A sampled row's Message-ID. Rows refused before DATA (NOQUEUE rejects) have none, and a null
     * Message-ID is no criterion at all: such a draw would time a match-everything query instead.
     */
    private String messageId(SplittableRandom r) {
        for (int i = 0; i < 100; i++) {
            String id = pick(r).messageId();
            if (id != null) {
                return id;
            }
        }
        throw new IllegalStateException("no sampled row has a Message-ID");
    }

    private String senderDomain(SplittableRandom r) {
        for (int i = 0; i < 100; i++) {
            String s = pick(r).senderAddress();
            if (s != null && s.contains("@")) {
                return s.substring(s.lastIndexOf('@') + 1);
            }
        }
        return "example.org";
    }

    private String subjectWord(SplittableRandom r) {
        for (int i = 0; i < 100; i++) {
            String s = pick(r).subject();
            if (s != null) {
                String[] words = s.toLowerCase(Locale.ROOT).split("[^a-z]+");
                String w = words[r.nextInt(words.length)];
                if (w.length() >= 4) {
                    return w;
                }
            }
        }
        return "report";
    }

    private static double percentile(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
