package org.mailtrace.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.model.MailAddress;

/**
 * Accumulates {@link StoreStats} for one range, so every store implementation buckets and ranks
 * alike: stores feed it per row (or per distinct value with a count, when they count in the index).
 * Not thread-safe; one per aggregation.
 */
public final class StatsCounter {
    /** More buckets than this is a request mistake (a year of hours is 8,760). */
    public static final int MAX_BUCKETS = 10_000;

    /** The top lists a store feeds. */
    public enum Top { SENDER, RECIPIENT, DOMAIN, REJECT_REASON, DEFERRAL_REASON }

    private final Instant start;
    private final Instant end;
    private final Duration bucket;
    private final long[][] byStatus;
    private final long[][] byDirection;
    private final Map<Top, Map<String, Long>> tops = new EnumMap<>(Top.class);

    /** @throws IllegalArgumentException when the range is empty or needs more than {@link #MAX_BUCKETS} buckets */
    public StatsCounter(Instant start, Instant end, Duration bucket) {
        if (!end.isAfter(start) || bucket.isZero() || bucket.isNegative()) {
            throw new IllegalArgumentException("stats need start before end and a positive bucket, got "
                    + start + ".." + end + " by " + bucket);
        }
        long n = (Duration.between(start, end).toNanos() + bucket.toNanos() - 1) / bucket.toNanos();
        if (n > MAX_BUCKETS) {
            throw new IllegalArgumentException("stats over " + start + ".." + end + " by " + bucket + " would need "
                    + n + " buckets; at most " + MAX_BUCKETS + ": choose a shorter range or a longer bucket");
        }
        this.start = start;
        this.end = end;
        this.bucket = bucket;
        this.byStatus = new long[(int) n][DeliveryStatus.values().length];
        this.byDirection = new long[(int) n][Direction.values().length];
        for (Top t : Top.values()) {
            tops.put(t, new HashMap<>());
        }
    }

    /** The bucket of a received time, or -1 when outside the range. */
    public int bucketOf(Instant received) {
        if (received == null || received.isBefore(start) || !received.isBefore(end)) {
            return -1;
        }
        return (int) (Duration.between(start, received).toNanos() / bucket.toNanos());
    }

    /** Counts one row in its bucket (status or direction may be null: not counted there). */
    public void row(int bucketIndex, DeliveryStatus status, Direction direction) {
        if (bucketIndex < 0) {
            return;
        }
        if (status != null) {
            byStatus[bucketIndex][status.ordinal()]++;
        }
        if (direction != null) {
            byDirection[bucketIndex][direction.ordinal()]++;
        }
    }

    /** Adds {@code count} rows to a key of a top list; null or empty keys are ignored. */
    public void add(Top top, String key, long count) {
        if (key == null || key.isEmpty() || count <= 0) {
            return;
        }
        tops.get(top).merge(key, count, Long::sum);
    }

    /** The result, with each top list cut to {@code top} entries. */
    public StoreStats result(int top) {
        List<StoreStats.Bucket> series = new ArrayList<>(byStatus.length);
        for (int i = 0; i < byStatus.length; i++) {
            Map<DeliveryStatus, Long> s = new EnumMap<>(DeliveryStatus.class);
            for (DeliveryStatus st : DeliveryStatus.values()) {
                s.put(st, byStatus[i][st.ordinal()]);
            }
            Map<Direction, Long> d = new EnumMap<>(Direction.class);
            for (Direction dir : Direction.values()) {
                d.put(dir, byDirection[i][dir.ordinal()]);
            }
            series.add(new StoreStats.Bucket(start.plus(bucket.multipliedBy(i)), s, d));
        }
        return new StoreStats(start, end, bucket, series, ranked(Top.SENDER, top), ranked(Top.RECIPIENT, top),
                ranked(Top.DOMAIN, top), ranked(Top.REJECT_REASON, top), ranked(Top.DEFERRAL_REASON, top));
    }

    private List<StoreStats.KeyCount> ranked(Top t, int top) {
        return tops.get(t).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(Math.max(0, top))
                .map(e -> new StoreStats.KeyCount(e.getKey(), e.getValue()))
                .toList();
    }

    /** The key of a sender in the top list: {@code <>} for the null sender. */
    public static String senderKey(String sender) {
        return sender == null || sender.isEmpty() ? "<>" : sender.toLowerCase(java.util.Locale.ROOT);
    }

    /** The partner domain of a row: the sender's for Inbound rows, the recipient's otherwise; lower case, or null ({@link MailAddress#domainOf}). */
    public static String partnerDomain(String sender, String recipient, Direction direction) {
        return MailAddress.domainOf(direction == Direction.Inbound ? sender : recipient);
    }
}
