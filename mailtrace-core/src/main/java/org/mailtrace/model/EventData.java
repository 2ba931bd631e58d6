package org.mailtrace.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The raw facts of a {@link TraceEvent}: an immutable map sorted by key, kept in two arrays. A
 * trace has a dozen events of about five facts each, and every trace the correlator builds is
 * rebuilt as it changes: as TreeMaps (plus the LinkedHashMaps they were copied from) these maps
 * were a tenth of everything an ingest allocated. Equal to any {@link Map} with the same entries;
 * iterates (and prints) in key order like the TreeMap it replaces. Null keys are refused.
 */
public final class EventData extends AbstractMap<String, String> {
    public static final EventData EMPTY = new EventData(new String[0], new String[0], 0);

    private final String[] keys;
    private final String[] values;
    private final int size;

    private EventData(String[] keys, String[] values, int size) {
        this.keys = keys;
        this.values = values;
        this.size = size;
    }

    /** The same entries as an EventData; returns {@code data} itself when it is one. */
    public static EventData copyOf(Map<String, String> data) {
        if (data instanceof EventData e) {
            return e;
        }
        if (data == null || data.isEmpty()) {
            return EMPTY;
        }
        Builder b = new Builder(data.size());
        for (Map.Entry<String, String> kv : data.entrySet()) {
            b.put(kv.getKey(), kv.getValue());
        }
        return b.build();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String get(Object key) {
        int i = indexOf(key);
        return i >= 0 ? values[i] : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
        if (!(key instanceof String k)) {
            return -1;
        }
        int i = Arrays.binarySearch(keys, 0, size, k);
        return i >= 0 ? i : -1;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** Collects facts in any order (a later put of a key replaces it), then sorts once in {@link #build}. */
    public static final class Builder {
        private String[] keys;
        private String[] values;
        private int size;

        public Builder() {
            this(8);
        }

        Builder(int capacity) {
            keys = new String[Math.max(capacity, 1)];
            values = new String[keys.length];
        }

        public Builder put(String key, String value) {
            if (key == null) {
                throw new NullPointerException("event data key");
            }
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    values[i] = value;
                    return this;
                }
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size++] = value;
            return this;
        }

        public String get(String key) {
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return values[i];
                }
            }
            return null;
        }

        /** The facts so far, sorted; the builder may go on collecting for another event. */
        public EventData build() {
            if (size == 0) {
                return EMPTY;
            }
            String[] k = Arrays.copyOf(keys, size);
            String[] v = Arrays.copyOf(values, size);
            // Insertion sort: a handful of keys, mostly in the same few orders.
            for (int i = 1; i < size; i++) {
                String key = k[i];
                String value = v[i];
                int j = i - 1;
                while (j >= 0 && k[j].compareTo(key) > 0) {
                    k[j + 1] = k[j];
                    v[j + 1] = v[j];
                    j--;
                }
                k[j + 1] = key;
                v[j + 1] = value;
            }
            return new EventData(k, v, size);
        }
    }
}
