package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailtrace.store.TraceFixtures.trace;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.store.StoreException;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/** {@link TraceStores} with the Lucene factory on the class path, as the CLI and server open stores. */
class OpenByLocationTest {
    @TempDir
    Path tmp;

    @Test
    void aBarePathAndLuceneColonThePathOpenTheSameStore() {
        Path dir = tmp.resolve("data");
        try (TraceStore w = TraceStores.open(StoreLocation.parse(dir.toString()), StoreOptions.of(false))) {
            w.commit(List.of(trace("t1").build()), List.of(), null);
        }
        try (TraceStore r = TraceStores.open(StoreLocation.parse("lucene:" + dir), StoreOptions.of(true))) {
            assertThat(r.get("t1")).isPresent();
            assertThatThrownBy(() -> r.commit(List.of(), List.of(), null)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("read-only");
        }
    }

    @Test
    void aRelativeDirectoryIsResolvedAgainstTheWorkingDirectory() {
        Path rel = Path.of("").toAbsolutePath().relativize(tmp.resolve("rel"));
        try (TraceStore w = TraceStores.open(StoreLocation.parse(rel.toString()), StoreOptions.of(false))) {
            assertThat(w.count(TraceQuery.all())).isZero();
        }
        assertThat(tmp.resolve("rel").resolve("index")).isDirectory();
    }

    @Test
    void theLuceneStoresDataDirectoryIsItsArgument() {
        assertThat(TraceStores.dataDirectory(StoreLocation.parse("lucene:/var/lib/mailtrace"))).isEqualTo(Path.of("/var/lib/mailtrace"));
        assertThat(TraceStores.directory(StoreLocation.parse("data"))).contains(Path.of("data"));
        assertThat(TraceStores.types()).contains("lucene");
    }

    @Test
    void opensearchIsNamedAsNotInThisBuild() {
        StoreLocation os = StoreLocation.parse("opensearch:http://127.0.0.1:9200,http://127.0.0.1:9201");
        assertThatThrownBy(() -> TraceStores.open(os, StoreOptions.of(true))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the opensearch store is not available in this build (it has: lucene)")
                .hasMessageContaining("give lucene:DIR or a data directory");
        assertThatThrownBy(() -> TraceStores.dataDirectory(os)).hasMessageContaining("not available in this build");
    }

    @Test
    void anUnknownTypeListsTheKnownOnesAndSaysWhatToWrite() {
        assertThatThrownBy(() -> TraceStores.open(StoreLocation.parse("data:old"), StoreOptions.of(true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data:old: unknown store type 'data'; known: lucene")
                .hasMessageContaining("./NAME or lucene:NAME");
    }
}
