package org.mailtrace.store.lucene;

import java.io.Closeable;
import java.io.IOException;
import org.apache.lucene.search.IndexSearcher;

/**
 * Where searches get a point-in-time view of the index: the writer's own view after each commit
 * ({@link LiveIndex}), or the last commit on disk for a read-only store ({@link CommittedIndex}).
 * A searcher handed out stays valid until released, whatever commits happen meanwhile.
 */
interface IndexSearchers extends Closeable {

    /** Work done against one searcher. */
    @FunctionalInterface
    interface SearchWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Runs the work on a current searcher and releases it afterwards. */
    <T> T withSearcher(SearchWork<T> work) throws IOException;
}
