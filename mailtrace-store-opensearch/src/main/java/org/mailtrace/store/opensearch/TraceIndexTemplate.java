package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
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
 */
final class TraceIndexTemplate {
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

    /** Puts the template unless the cluster already has this version or a newer one. */
    static void install(ClusterClient client, TraceIndices names, OpenSearchSettings s) {
        JsonNode body = body(names, s);
        int mine = body.path("version").asInt();
        String path = "/_index_template/" + names.template();
        ClusterClient.Response r = client.send("GET", path, null);
        if (r.ok()) {
            JsonNode installed = r.body().path("index_templates").path(0).path("index_template").path("version");
            if (installed.isInt() && installed.asInt() >= mine) {
                return;
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
