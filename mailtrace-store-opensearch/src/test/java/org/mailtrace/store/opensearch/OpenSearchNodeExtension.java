package org.mailtrace.store.opensearch;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives test classes one real OpenSearch node per test JVM: started by the first class that uses
 * it, stopped when the JVM's tests are done (JUnit closes the root store). Skips every test with
 * the reason (counted as skipped, and said once on stderr) when the node cannot run here: jars not
 * resolved, JVM too new, {@code -Dmailtrace.opensearch.skip}; on CI ({@code CI=true}) fails every
 * class instead, unless the skip was asked for ({@link OpenSearchTestDistribution}).
 */
public final class OpenSearchNodeExtension implements BeforeAllCallback, BeforeEachCallback {
    private static volatile OpenSearchNode node;
    private static volatile String unavailable;
    private static volatile boolean said;

    /** The running node's endpoint; only inside a class extended with this. */
    public static URI url() {
        return node.url();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        OpenSearchTestDistribution distribution = OpenSearchTestDistribution.fromSystemProperties("target/opensearch");
        unavailable = distribution.skipReason();
        Path dist = distribution.dist();
        if (unavailable != null) {
            if (!said) {
                said = true;
                System.err.println("[WARNING] OpenSearch tests skipped: " + unavailable);
            }
            return;
        }
        Running running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, k -> new Running(dist), Running.class);
        node = running.node;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    /** The node as a resource JUnit closes after the last test of the JVM. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        private final OpenSearchNode node;

        Running(Path dist) {
            try {
                node = OpenSearchNode.start(dist);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot lay out or start the OpenSearch test node", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the OpenSearch test node", e);
            }
        }

        @Override
        public void close() {
            node.close();
        }
    }
}
