package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * Visits every hit of a query over an index pattern with the scroll API, in no particular order:
 * for the store's own bookkeeping (which documents a commit replaces, what a purge deletes), never
 * for user pages. Missing indices are no hits; a shard without a live copy fails the scan (a
 * commit that missed documents it replaces would leave doubles).
 */
final class DocumentScan {
    private static final int PAGE = 5_000;

    private DocumentScan() {
    }

    /**
     * @param source the {@code _source} setting: false, or an array of fields
     */
    static void each(ClusterClient client, String indices, JsonNode query, JsonNode source, Consumer<JsonNode> hit) {
        ObjectNode body = Json.obj("query", query, "size", PAGE, "_source", source, "sort", Json.arr("_doc"));
        String path = "/" + indices + "/_search?scroll=1m&ignore_unavailable=true&allow_no_indices=true";
        JsonNode page = client.expectComplete("POST", path, body, true);
        String scrollId = page.path("_scroll_id").asText(null);
        try {
            while (true) {
                JsonNode hits = page.path("hits").path("hits");
                if (hits.isEmpty()) {
                    return;
                }
                hits.forEach(hit);
                if (scrollId == null) {
                    return;
                }
                page = client.expectComplete("POST", "/_search/scroll", Json.obj("scroll", "1m", "scroll_id", scrollId), false);
                scrollId = page.path("_scroll_id").asText(scrollId);
            }
        } finally {
            if (scrollId != null) {
                client.send("DELETE", "/_search/scroll", Json.obj("scroll_id", scrollId));
            }
        }
    }
}
