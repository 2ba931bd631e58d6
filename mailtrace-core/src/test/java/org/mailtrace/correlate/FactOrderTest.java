package org.mailtrace.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.QueueId;
import org.mailtrace.event.QueueRemoved;

class FactOrderTest {
    @Test
    void sortedGivesExactlyTheReplayOrderAlsoForFactsSharingTheirInstant() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<Fact> facts = new ArrayList<>();
            int n = 1 + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                // Few distinct seconds and nanos, so most pairs tie on time and fall through to rank, host, text, seq.
                Instant time = Instant.ofEpochSecond(1_795_700_000L + random.nextInt(3), random.nextInt(3) * 250_000_000L);
                String host = random.nextInt(5) == 0 ? null : "mx" + random.nextInt(2);
                String text = random.nextInt(5) == 0 ? null : "4QX1: line " + random.nextInt(3);
                LineMeta meta = new LineMeta(time, host, "postfix", "cleanup", 100, "mail.log:" + i, text);
                MailEvent event = random.nextBoolean()
                        ? new QueueRemoved(meta, new QueueId("4QX1"))
                        : new MessageIdSeen(meta, new QueueId("4QX1"), "<a@example.org>", false);
                facts.add(new Fact(random.nextInt(1000), "q|mx|4QX1", event, null));
            }
            List<Fact> expected = new ArrayList<>(facts);
            expected.sort(FactOrder.REPLAY);
            assertThat(FactOrder.sorted(facts)).as("round " + round).containsExactlyElementsOf(expected);
        }
    }
}
