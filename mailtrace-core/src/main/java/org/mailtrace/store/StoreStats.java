package org.mailtrace.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;

/**
 * Counts of trace rows over a time range, for the dashboard: a time series by status and direction
 * and the most frequent senders, recipients, partner domains and refusal reasons. Computed by
 * {@link TraceReader#aggregate} without handing rows to the caller, so it stays cheap on large stores.
 *
 * @param start              first bucket's start (inclusive)
 * @param end                end of the range (exclusive)
 * @param bucket             length of each series bucket
 * @param series             one bucket per {@code bucket} from {@code start}, oldest first, also empty ones
 * @param topSenders         envelope senders by rows ({@code <>} is the null sender)
 * @param topRecipients      recipients by rows (rows without a recipient are left out)
 * @param topDomains         the partner domain of each row: the sender's for Inbound rows, the
 *                           recipient's otherwise
 * @param topRejectReasons   {@link ReplyReasons#normalize normalised} reply of the row's latest REJECT or FAIL event
 * @param topDeferralReasons likewise, of its latest DEFER event
 */
public record StoreStats(Instant start, Instant end, Duration bucket, List<Bucket> series,
                         List<KeyCount> topSenders, List<KeyCount> topRecipients, List<KeyCount> topDomains,
                         List<KeyCount> topRejectReasons, List<KeyCount> topDeferralReasons) {

    /** Rows received in one bucket; every status and direction is present, zero when none. */
    public record Bucket(Instant start, Map<DeliveryStatus, Long> byStatus, Map<Direction, Long> byDirection) {
    }

    /** One entry of a top list: most rows first, ties by key. */
    public record KeyCount(String key, long count) {
    }
}
