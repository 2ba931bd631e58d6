package org.mailtrace.server.stats;

import java.time.Instant;
import java.util.List;
import org.mailtrace.store.StoreStats;

/** The body of {@code GET /api/v1/stats}: the store's counts plus the rows pending right now. */
public record StatsAnswer(Instant start, Instant end, String bucket, List<StoreStats.Bucket> series,
                          List<StoreStats.KeyCount> topSenders, List<StoreStats.KeyCount> topRecipients,
                          List<StoreStats.KeyCount> topDomains, List<StoreStats.KeyCount> topRejectReasons,
                          List<StoreStats.KeyCount> topDeferralReasons, long pendingNow) {

    public static StatsAnswer of(StatsRange range, StoreStats s, long pendingNow) {
        return new StatsAnswer(range.start(), range.end(), range.bucket(), s.series(), s.topSenders(), s.topRecipients(),
                s.topDomains(), s.topRejectReasons(), s.topDeferralReasons(), pendingNow);
    }
}
