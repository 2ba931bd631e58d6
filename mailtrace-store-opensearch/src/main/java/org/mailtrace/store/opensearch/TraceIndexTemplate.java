package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The composable index template of the daily trace indices (resource {@code trace-index-template.json}):
 * mappings, the lowercase normalizer for addresses and subjects, and the alias. Versioned: a store
 * installs it when the cluster has none or an older version, and leaves a newer one alone (a newer
 * mailtrace put it there). Changing the mapping means raising {@code version} in the resource; the
 * new mapping applies from the next daily index on.
 *
 * <p>The template also carries the daily indices' primary shards and replicas
 * ({@link OpenSearchSettings#shards()}, {@link OpenSearchSettings#replicas()}): a writable store whose
 * settings differ from the installed template of the same version puts it again, so the next daily
 * index is created with them; existing indices keep theirs (OpenSearch cannot change an index's
 * primary shards in place).
 */
final class TraceIndexTemplate {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TraceIndexTemplate.class);

    private TraceIndexTemplate() {
    }

    /** The template body for these names and settings. */
    static JsonNode body(TraceIndices names, OpenSearchSettings s) {
        try (InputStream in = TraceIndexTemplate.class.getResourceAsStream("trace-index-template.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@PREFIX@", names.prefix())
                    .replace("@SHARDS@", Integer.toString(s.shards()))
                    .replace("@REPLICAS@", Integer.toString(s.replicas()));
            return ClusterClient.json().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled trace-index-template.json", e);
        }
    }

    /** The version of the bundled template. */
    static int version(TraceIndices names, OpenSearchSettings s) {
        return body(names, s).path("version").asInt();
    }

    /**
     * Puts the template when the cluster has none, an older version, or this version with other
     * shards or replicas; leaves a newer version alone (saying so when its shards or replicas differ
     * from the settings, which then do not apply).
     *
     * @param sizeGiven whether the shards and replicas of {@code s} were asked for
     *                  ({@code MAILTRACE_STORE_SHARDS}/{@code _REPLICAS}); when not, the installed template's
     *                  sizing is kept, also across a template upgrade, so an ingest run without the variables
     *                  (an admin's one-off re-import) never puts a sized fleet's next daily indices back to the defaults
     */
    static void install(ClusterClient client, TraceIndices names, OpenSearchSettings s, boolean sizeGiven) {
        ObjectNode body = (ObjectNode) body(names, s).deepCopy();
        if (!sizeGiven) {
            ClusterClient.Response r = client.send("GET", "/_index_template/" + names.template(), null);
            JsonNode index = r.ok() ? r.body().path("index_templates").path(0).path("index_template").path("template")
                    .path("settings").path("index") : null;
            if (index != null && index.path("number_of_shards").asText().matches("\\d+")
                    && index.path("number_of_replicas").asText().matches("\\d+")) {
                ObjectNode settings = (ObjectNode) body.path("template").path("settings");
                settings.set("number_of_shards", index.path("number_of_shards"));
                settings.set("number_of_replicas", index.path("number_of_replicas"));
            }
        }
        install(client, names, body);
    }

    /**
     * As {@link #install(ClusterClient, TraceIndices, OpenSearchSettings)} for a given template body
     * (its {@code version}, {@code number_of_shards} and {@code number_of_replicas} decide). Apart so a
     * test can install the template a later release would bring (a higher version, another mapping)
     * through the same rules.
     */
    static void install(ClusterClient client, TraceIndices names, JsonNode body) {
        int mine = body.path("version").asInt();
        JsonNode wanted = body.path("template").path("settings");
        String wantedShards = wanted.path("number_of_shards").asText();
        String wantedReplicas = wanted.path("number_of_replicas").asText();
        String path = "/_index_template/" + names.template();
        ClusterClient.Response r = client.send("GET", path, null);
        if (r.ok()) {
            JsonNode installed = r.body().path("index_templates").path(0).path("index_template");
            JsonNode version = installed.path("version");
            JsonNode index = installed.path("template").path("settings").path("index");
            String shards = index.path("number_of_shards").asText("?");
            String replicas = index.path("number_of_replicas").asText("?");
            boolean sameSize = shards.equals(wantedShards) && replicas.equals(wantedReplicas);
            if (version.isInt() && version.asInt() > mine) {
                if (!sameSize) {
                    LOG.warn("index template {}: version {} of a newer mailtrace is installed with {} primary shards and {}"
                            + " replicas; leaving it alone, so this store's {} shards and {} replicas do not apply; set"
                            + " them on the newer mailtrace's ingest", names.template(), version.asInt(), shards, replicas,
                            wantedShards, wantedReplicas);
                }
                return;
            }
            if (version.isInt() && version.asInt() == mine) {
                if (sameSize) {
                    return;
                }
                LOG.info("index template {}: primary shards {} -> {}, replicas {} -> {} for the daily indices created from"
                        + " now on (MAILTRACE_STORE_SHARDS, MAILTRACE_STORE_REPLICAS); existing indices keep theirs",
                        names.template(), shards, wantedShards, replicas, wantedReplicas);
            }
        } else if (r.status() != 404) {
            throw client.failure("GET", path, r);
        }
        client.expectOk("PUT", path, body);
        // Indices made by an older template get the fields it lacked (adding fields is all a newer
        // version does); the daily indices are strict, so a document with a new field fails without.
        client.expectOk("PUT", "/" + names.pattern() + "/_mapping?ignore_unavailable=true&allow_no_indices=true",
                Json.obj("properties", body.path("template").path("mappings").path("properties")));
    }
}
