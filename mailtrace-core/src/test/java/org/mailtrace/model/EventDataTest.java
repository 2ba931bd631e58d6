package org.mailtrace.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EventDataTest {
    @Test
    void iteratesAndPrintsInKeyOrderAndEqualsTheTreeMapItReplaces() {
        EventData data = new EventData.Builder().put("relay", "mx.example.net[192.0.2.1]:25").put("dsn", "2.0.0")
                .put("host", "mx1").put("queueId", "4QX1").put("delay", "0.4").build();
        TreeMap<String, String> tree = new TreeMap<>(Map.of("relay", "mx.example.net[192.0.2.1]:25", "dsn", "2.0.0",
                "host", "mx1", "queueId", "4QX1", "delay", "0.4"));

        assertThat(List.copyOf(data.keySet())).containsExactly("delay", "dsn", "host", "queueId", "relay");
        assertThat(data).isEqualTo(tree);
        assertThat(tree).isEqualTo(data);
        assertThat(data.hashCode()).isEqualTo(tree.hashCode());
        assertThat(data.toString()).isEqualTo(tree.toString());
    }

    @Test
    void aLaterPutOfAKeyReplacesItsValue() {
        EventData data = new EventData.Builder().put("dsn", "4.4.1").put("host", "mx1").put("dsn", "5.1.1").build();
        assertThat(data).containsExactly(Map.entry("dsn", "5.1.1"), Map.entry("host", "mx1"));
    }

    @Test
    void looksUpKeysAndTellsMissingOnes() {
        EventData data = new EventData.Builder().put("b", "2").put("a", "1").put("c", "3").build();
        assertThat(data.get("a")).isEqualTo("1");
        assertThat(data.get("c")).isEqualTo("3");
        assertThat(data.get("d")).isNull();
        assertThat(data.get(42)).isNull();
        assertThat(data.containsKey("b")).isTrue();
        assertThat(data.containsKey("z")).isFalse();
    }

    @Test
    void copyOfKeepsAnEventDataAndSortsAnyOtherMap() {
        EventData data = new EventData.Builder().put("x", "1").build();
        assertThat(EventData.copyOf(data)).isSameAs(data);
        Map<String, String> linked = new LinkedHashMap<>();
        linked.put("zeta", "1");
        linked.put("alpha", "2");
        assertThat(List.copyOf(EventData.copyOf(linked).keySet())).containsExactly("alpha", "zeta");
        assertThat(EventData.copyOf(null)).isEmpty();
    }

    @Test
    void isReadOnlyAndRefusesNullKeys() {
        EventData data = new EventData.Builder().put("host", "mx1").build();
        assertThatThrownBy(() -> data.put("host", "mx2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> data.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new EventData.Builder().put(null, "v")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theBuilderCanGoOnAfterBuildingWithoutChangingWhatItBuilt() {
        EventData.Builder b = new EventData.Builder().put("host", "mx1");
        EventData first = b.build();
        b.put("code", "550");
        assertThat(first).containsOnlyKeys("host");
        assertThat(b.build()).containsOnlyKeys("code", "host");
        assertThat(b.get("code")).isEqualTo("550");
    }
}
