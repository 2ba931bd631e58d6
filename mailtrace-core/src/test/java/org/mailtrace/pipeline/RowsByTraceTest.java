package org.mailtrace.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class RowsByTraceTest {

    @Property(tries = 50)
    void countsLikeAMapThroughPutsOverwritesAndRemoves(@ForAll long seed) {
        Random random = new Random(seed);
        RowsByTrace compact = new RowsByTrace();
        Map<String, Integer> model = new HashMap<>();
        for (int step = 0; step < 5_000; step++) {
            String id = "trace-" + random.nextInt(1_500);
            if (random.nextInt(4) == 0) {
                compact.remove(id);
                model.remove(id);
            } else {
                int rows = 1 + random.nextInt(8);
                compact.put(id, rows);
                model.put(id, rows);
            }
            assertThat(compact.contains(id)).isEqualTo(model.containsKey(id));
        }
        assertThat(compact.size()).isEqualTo(model.size());
        assertThat(compact.totalRows()).isEqualTo(model.values().stream().mapToLong(Integer::longValue).sum());
        for (String id : model.keySet()) {
            assertThat(compact.contains(id)).as(id).isTrue();
        }
    }
}
