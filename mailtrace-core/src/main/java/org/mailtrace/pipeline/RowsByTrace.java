package org.mailtrace.pipeline;

/**
 * Rows per trace written by this run, for the summary, in about 24 bytes per trace: a
 * {@code HashMap<String, Integer>} of a million trace IDs held ~150 MB and made the ingest's heap
 * grow through a run. Keys are 64-bit hashes of the trace IDs (a collision among millions of IDs
 * is about one in ten million and would only make a count one short), kept in open-addressing
 * arrays with linear probing.
 */
final class RowsByTrace {
    private long[] keys = new long[1024];
    private int[] rows = new int[1024];
    private int size;
    private long totalRows;

    int size() {
        return size;
    }

    long totalRows() {
        return totalRows;
    }

    boolean contains(String traceId) {
        return keys[slot(key(traceId))] != 0;
    }

    void put(String traceId, int n) {
        long k = key(traceId);
        int i = slot(k);
        if (keys[i] == 0) {
            keys[i] = k;
            size++;
            if (size * 2 > keys.length) {
                rows[i] = n;
                totalRows += n;
                grow();
                return;
            }
        } else {
            totalRows -= rows[i];
        }
        rows[i] = n;
        totalRows += n;
    }

    void remove(String traceId) {
        int i = slot(key(traceId));
        if (keys[i] == 0) {
            return;
        }
        totalRows -= rows[i];
        size--;
        // Backward-shift deletion keeps every remaining key reachable from its home slot.
        int mask = keys.length - 1;
        int hole = i;
        for (int j = (hole + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = home(keys[j]);
            boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (movable) {
                keys[hole] = keys[j];
                rows[hole] = rows[j];
                hole = j;
            }
        }
        keys[hole] = 0;
        rows[hole] = 0;
    }

    private int slot(long k) {
        int mask = keys.length - 1;
        int i = home(k);
        while (keys[i] != 0 && keys[i] != k) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private int home(long k) {
        return (int) (k ^ (k >>> 32)) & (keys.length - 1);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldRows = rows;
        keys = new long[oldKeys.length * 2];
        rows = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int s = slot(oldKeys[i]);
                keys[s] = oldKeys[i];
                rows[s] = oldRows[i];
            }
        }
    }

    /** FNV-1a over the characters, mixed; never 0 (0 marks a free slot). */
    private static long key(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 29;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 32;
        return h == 0 ? 1 : h;
    }
}
