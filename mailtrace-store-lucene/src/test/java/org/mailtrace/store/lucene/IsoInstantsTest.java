package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stored trace's times must be the exact text Instant.toString (the mapper) writes. */
class IsoInstantsTest {
    private final IsoInstants instants = new IsoInstants();

    @Test
    void formatsEveryInstantAsInstantToStringDoes() {
        List<Instant> cases = new ArrayList<>(List.of(
                Instant.EPOCH, Instant.ofEpochSecond(0, 1), Instant.ofEpochSecond(59, 999_999_999),
                Instant.parse("2026-12-03T10:00:00Z"), Instant.parse("2026-12-03T10:00:00.120Z"),
                Instant.parse("2026-12-03T10:00:00.000120Z"), Instant.parse("2024-02-29T23:59:59.000000001Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.ofEpochSecond(-1), Instant.ofEpochSecond(-1, 500_000_000), Instant.MIN, Instant.MAX));
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(0, 253_402_400_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            cases.add(Instant.ofEpochSecond(second, nano));
            cases.add(Instant.ofEpochSecond(second, random.nextInt(1_000_000_000))); // the same second again
        }
        for (Instant instant : cases) {
            assertThat(instants.format(instant)).isEqualTo(instant.toString());
        }
    }
}
