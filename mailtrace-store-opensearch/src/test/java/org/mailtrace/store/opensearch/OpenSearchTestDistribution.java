package org.mailtrace.store.opensearch;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The OpenSearch node distribution the real-node tests start from, and whether they may skip without
 * it. Where: system properties {@code mailtrace.opensearch.dist} and {@code mailtrace.opensearch.version}
 * (each module's surefire/failsafe configuration sets them). Skipping: on a developer machine a test
 * that cannot start a node skips with the reason; on CI (environment variable {@code CI=true}, as the
 * usual CI services set it) it fails instead, because a skip there would hide a broken setup and the
 * build would pass without ever having run against OpenSearch. {@code -Dmailtrace.opensearch.skip}
 * leaves the tests out on purpose, on CI too.
 *
 * @param dist    the laid-out distribution: {@code lib/}, {@code modules/}, {@code config/}
 * @param version the OpenSearch version whose {@code lib/opensearch-VERSION.jar} must be there
 */
public record OpenSearchTestDistribution(Path dist, String version) {
    /** The version when {@code mailtrace.opensearch.version} is not set. */
    public static final String DEFAULT_VERSION = "2.19.6";

    /** From the system properties; {@code defaultDist} when {@code mailtrace.opensearch.dist} is not set. */
    public static OpenSearchTestDistribution fromSystemProperties(String defaultDist) {
        return new OpenSearchTestDistribution(Path.of(System.getProperty("mailtrace.opensearch.dist", defaultDist)),
                System.getProperty("mailtrace.opensearch.version", DEFAULT_VERSION));
    }

    /**
     * Null when a node can run here; else why the tests skip.
     *
     * @throws IllegalStateException on CI when no node can run here and the skip was not asked for,
     *                               saying how to lay out the distribution
     */
    public String skipReason() {
        return skipReason(System.getProperty("mailtrace.opensearch.skip") != null, System.getenv("CI"));
    }

    /** As {@link #skipReason()} with the skip property and the {@code CI} variable given. */
    String skipReason(boolean skipAsked, String ci) {
        if (skipAsked) {
            return "-Dmailtrace.opensearch.skip is set";
        }
        String reason = OpenSearchNode.unavailableReason(dist, version);
        if (reason != null && ci != null && ci.trim().toLowerCase(Locale.ROOT).equals("true")) {
            throw new IllegalStateException("CI=true and the OpenSearch tests cannot run: " + reason + ". On CI they fail"
                    + " rather than skip, so a broken setup does not pass unnoticed. Lay out the node's distribution at "
                    + dist.toAbsolutePath() + " (lib/opensearch-" + version + ".jar with the jars it needs, modules/"
                    + "transport-netty4, modules/analysis-common, config/log4j2.properties): the build of"
                    + " mailtrace-store-opensearch does it in generate-test-resources (profile opensearch-node, on unless"
                    + " -Dmailtrace.opensearch.skip) by copying the jars from Maven Central and the rest from"
                    + " src/opensearch, so build that module in the same reactor (e.g. ./mvnw -B -pl THIS-MODULE -am verify)"
                    + " with Maven Central or a mirror of it reachable, or point -Dmailtrace.opensearch.dist at a copy"
                    + " laid out that way; run the tests on Java 17 to 23. To leave the OpenSearch tests out on purpose,"
                    + " pass -Dmailtrace.opensearch.skip.");
        }
        return reason;
    }
}
