package org.mailtrace.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.mailtrace.json.TraceJson;

/**
 * Load benchmark of the REST API (not a unit test): N concurrent clients for S seconds, each
 * looping over a mix of searches (by recipient domain, status, sender, time range, paging) and
 * detail views of trace IDs taken from the first search. Prints throughput and p50/p99 latency
 * per kind. Run by {@code bench/api-load.sh}, which builds a store and starts the server.
 *
 * <pre>java -cp 'mailtrace-cli/target/lib/*' org.mailtrace.server.bench.ApiLoad URL TOKEN [CLIENTS] [SECONDS]</pre>
 */
public final class ApiLoad {
    private ApiLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ApiLoad URL TOKEN [CLIENTS=50] [SECONDS=60]");
            System.exit(2);
        }
        String base = args[0].replaceAll("/$", "");
        String token = args[1];
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        JsonNode first = TraceJson.mapper().readTree(get(http, base + "/api/v1/traces?limit=5000", token).body());
        List<String> ids = new ArrayList<>();
        first.get("rows").forEach(r -> ids.add(r.get("messageTraceId").asText()));
        if (ids.isEmpty()) {
            throw new IllegalStateException("the store is empty; ingest a log first");
        }
        String[] searches = {
            "/api/v1/traces?limit=100",
            "/api/v1/traces?recipient=*@example.org&limit=100",
            "/api/v1/traces?status=Failed&limit=100",
            "/api/v1/traces?status=Delivered&direction=Inbound&limit=50",
            "/api/v1/traces?sender=user1*@*&limit=100",
            "/api/v1/traces?fromIp=192.0.2.0/24&limit=100",
            "/api/v1/traces?limit=1000",
        };
        System.out.printf("ApiLoad: %d clients, %d s, %d trace IDs, against %s%n", clients, seconds, ids.size(), base);

        ConcurrentHashMap<String, List<Long>> latencies = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                List<Long> search = new ArrayList<>();
                List<Long> detail = new ArrayList<>();
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                try {
                    while (System.nanoTime() < end) {
                        boolean isDetail = rnd.nextInt(10) < 4;
                        String path = isDetail ? "/api/v1/traces/" + ids.get(rnd.nextInt(ids.size()))
                                : searches[rnd.nextInt(searches.length)];
                        long t0 = System.nanoTime();
                        int status = get(http, base + path, token).statusCode();
                        long took = System.nanoTime() - t0;
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                        (isDetail ? detail : search).add(took);
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    latencies.computeIfAbsent("search", k -> java.util.Collections.synchronizedList(new ArrayList<>())).addAll(search);
                    latencies.computeIfAbsent("detail", k -> java.util.Collections.synchronizedList(new ArrayList<>())).addAll(detail);
                    done.countDown();
                }
            });
            t.start();
        }
        done.await();
        long total = 0;
        for (String kind : List.of("search", "detail")) {
            long[] l = latencies.getOrDefault(kind, List.of()).stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(l);
            total += l.length;
            System.out.printf("%-7s %8d requests  %8.1f req/s  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n", kind, l.length,
                    l.length / (double) seconds, ms(pct(l, 50)), ms(pct(l, 99)), ms(l.length == 0 ? 0 : l[l.length - 1]));
        }
        long[] all = latencies.values().stream().flatMap(List::stream).mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("all     %8d requests  %8.1f req/s  p50 %6.1f ms  p99 %6.1f ms  errors %d%n", total,
                total / (double) seconds, ms(pct(all, 50)), ms(pct(all, 99)), errors.get());
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
