package org.mailtrace.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Items come out earliest first, whatever the order of adds and polls. */
class DueHeapTest {
    @Test
    void interleavedAddsAndPollsComeOutInTheSameTimeOrderAsAPriorityQueue() {
        Random random = new Random(42);
        DueHeap<Long> heap = new DueHeap<>();
        PriorityQueue<Long> reference = new PriorityQueue<>();
        for (int step = 0; step < 200_000; step++) {
            if (reference.isEmpty() || random.nextInt(3) > 0) {
                // Many equal times (a small range) and a moving floor, as log times are.
                long at = step / 10 + random.nextInt(500) - (random.nextInt(50) == 0 ? 10_000 : 0);
                heap.add(at, at);
                reference.add(at);
            } else {
                assertThat(heap.firstDue()).isEqualTo(reference.peek());
                assertThat(heap.poll()).isEqualTo(reference.poll());
            }
            assertThat(heap.size()).isEqualTo(reference.size());
        }
        List<Long> rest = new ArrayList<>();
        while (!heap.isEmpty()) {
            rest.add(heap.poll());
        }
        assertThat(rest).isSorted().hasSize(reference.size());
    }

    @Test
    void timesAtTheEdgesOfInstantStillOrder() {
        DueHeap<String> heap = new DueHeap<>();
        heap.add(Instant.MAX, "max");
        heap.add(Instant.parse("2026-11-28T10:00:00.000000001Z"), "later");
        heap.add(Instant.parse("2026-11-28T10:00:00Z"), "now");
        heap.add(Instant.MIN, "min");
        assertThat(List.of(heap.poll(), heap.poll(), heap.poll(), heap.poll())).containsExactly("min", "now", "later", "max");
    }

    @Test
    void anEmptyHeapSaysSoInsteadOfReturningAnything() {
        DueHeap<String> heap = new DueHeap<>();
        heap.add(5, "x");
        heap.clear();
        assertThat(heap.isEmpty()).isTrue();
        assertThatThrownBy(heap::poll).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(heap::firstDue).isInstanceOf(NoSuchElementException.class);
    }
}
