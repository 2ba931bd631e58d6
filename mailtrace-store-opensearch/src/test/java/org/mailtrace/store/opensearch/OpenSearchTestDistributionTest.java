package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSearchTestDistributionTest {
    @TempDir
    Path dir;

    private OpenSearchTestDistribution missing() {
        return new OpenSearchTestDistribution(dir.resolve("opensearch"), "2.19.6");
    }

    @Test
    void withoutTheDistributionTheTestsSkipWithTheReasonOffCi() {
        assertThat(missing().skipReason(false, null)).startsWith("OpenSearch 2.19.6 jars not found under " + dir.resolve("opensearch"));
        assertThat(missing().skipReason(false, "false")).contains("jars not found");
        assertThat(missing().skipReason(false, "")).contains("jars not found");
    }

    @Test
    void withoutTheDistributionTheTestsFailOnCiSayingHowToLayItOut() {
        for (String ci : new String[] {"true", "TRUE", " true "}) {
            assertThatThrownBy(() -> missing().skipReason(false, ci)).as(ci).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("CI=true and the OpenSearch tests cannot run: OpenSearch 2.19.6 jars not found")
                    .hasMessageContaining("Lay out the node's distribution at " + dir.resolve("opensearch").toAbsolutePath())
                    .hasMessageContaining("lib/opensearch-2.19.6.jar")
                    .hasMessageContaining("profile opensearch-node")
                    .hasMessageContaining("-Dmailtrace.opensearch.dist")
                    .hasMessageContaining("pass -Dmailtrace.opensearch.skip");
        }
    }

    @Test
    void askingForTheSkipSkipsOnCiToo() {
        assertThat(missing().skipReason(true, "true")).isEqualTo("-Dmailtrace.opensearch.skip is set");
        assertThat(missing().skipReason(true, null)).isEqualTo("-Dmailtrace.opensearch.skip is set");
    }

    @Test
    void aLaidOutDistributionRunsOnCiWhenTheJvmCanRunTheNode() throws Exception {
        Path dist = dir.resolve("laid-out");
        Files.createDirectories(dist.resolve("lib"));
        Files.writeString(dist.resolve("lib").resolve("opensearch-2.19.6.jar"), "a jar");
        OpenSearchTestDistribution laidOut = new OpenSearchTestDistribution(dist, "2.19.6");
        if (Runtime.version().feature() < 24) {
            assertThat(laidOut.skipReason(false, "true")).isNull();
        } else {
            assertThatThrownBy(() -> laidOut.skipReason(false, "true")).hasMessageContaining("security manager");
        }
    }
}
