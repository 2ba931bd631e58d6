package org.mailtrace.correlate;

import java.time.Instant;
import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * Items by due time, earliest first: a binary min-heap whose times sit in one {@code long[]} beside
 * the items. The correlator polls one of these for every expiring link and every trace that may be
 * evicted; as a {@code PriorityQueue} of records, each poll followed ~2 log(n) references to
 * scattered objects (a tenth of the reading thread at a million messages a day), here the
 * comparisons read adjacent longs. Order among items due at the same instant is unspecified.
 */
final class DueHeap<T> {
    private long[] due = new long[64];
    private Object[] items = new Object[64];
    private int size;

    void add(Instant at, T item) {
        add(nanos(at), item);
    }

    void add(long at, T item) {
        if (size == due.length) {
            due = Arrays.copyOf(due, size * 2);
            items = Arrays.copyOf(items, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (due[parent] <= at) {
                break;
            }
            due[i] = due[parent];
            items[i] = items[parent];
            i = parent;
        }
        due[i] = at;
        items[i] = item;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest due time, in {@link #nanos} units; the heap must not be empty. */
    long firstDue() {
        if (size == 0) {
            throw new NoSuchElementException("no item is due: the heap is empty");
        }
        return due[0];
    }

    /** Removes and returns the earliest item; the heap must not be empty. */
    @SuppressWarnings("unchecked")
    T poll() {
        if (size == 0) {
            throw new NoSuchElementException("no item is due: the heap is empty");
        }
        T first = (T) items[0];
        size--;
        long lastDue = due[size];
        Object last = items[size];
        items[size] = null;
        if (size > 0) {
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                if (child + 1 < size && due[child + 1] < due[child]) {
                    child++;
                }
                if (lastDue <= due[child]) {
                    break;
                }
                due[i] = due[child];
                items[i] = items[child];
                i = child;
            }
            due[i] = lastDue;
            items[i] = last;
        }
        return first;
    }

    int size() {
        return size;
    }

    void clear() {
        Arrays.fill(items, 0, size, null);
        size = 0;
    }

    /** Nanoseconds since the epoch, saturating, so the far past and future (an idle limit of years) still compare correctly. */
    static long nanos(Instant t) {
        long s = t.getEpochSecond();
        if (s >= Long.MAX_VALUE / 1_000_000_000L - 1) {
            return Long.MAX_VALUE;
        }
        if (s <= Long.MIN_VALUE / 1_000_000_000L + 1) {
            return Long.MIN_VALUE;
        }
        return s * 1_000_000_000L + t.getNano();
    }
}
