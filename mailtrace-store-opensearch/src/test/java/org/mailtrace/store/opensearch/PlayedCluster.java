package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small real HTTP server on loopback that plays the answers of an OpenSearch 2.19.6 cluster to
 * what a store's open and commit send, and whose {@code _bulk} answers item by item as the test
 * says ({@link ItemAnswers}): a 200 with {@code errors: true} and some items refused, as a cluster
 * whose write queue is full answers. It keeps every request line, every bulk request's items and
 * how often each document was written, so a test can check what was sent again and what was not.
 * An empty cluster otherwise: scans find nothing, no template, no state index until one is put.
 */
final class PlayedCluster implements AutoCloseable {
    /** One item of a {@code _bulk} request. */
    record Item(String action, String index, String id) {
        String doc() {
            return index + "/" + id;
        }
    }

    /** The status the cluster gives an item; {@code tries} is how often this document was sent before. */
    @FunctionalInterface
    interface ItemAnswers {
        int status(Item item, int tries);
    }

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<List<Item>> bulks = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> sent = new ConcurrentHashMap<>();
    private final Map<String, Integer> written = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();
    private final Map<String, Boolean> indices = new ConcurrentHashMap<>();
    private volatile ItemAnswers answers = (item, tries) -> item.action().equals("delete") ? 404 : 201;

    PlayedCluster() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How the following bulk items are answered; by default all are written (deletes find nothing). */
    void answerItems(ItemAnswers a) {
        answers = a;
    }

    /** Every request so far as {@code METHOD /path}, query left off. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** The items of each {@code _bulk} request, in the order they came. */
    List<List<Item>> bulks() {
        return List.copyOf(bulks);
    }

    /** Per {@code index/id}, how often the cluster answered that it wrote it. */
    Map<String, Integer> written() {
        return Map.copyOf(written);
    }

    /** The document stored under {@code index/id} by a PUT or a bulk index, or null. */
    JsonNode document(String doc) {
        return documents.get(doc);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(method + " " + path);
        byte[] body = exchange.getRequestBody().readAllBytes();
        String[] parts = path.substring(1).split("/");
        if (method.equals("GET") && path.equals("/")) {
            send(exchange, 200, Json.obj("name", "node-1", "cluster_name", "mailtrace-test",
                    "version", Json.obj("distribution", "opensearch", "number", "2.19.6")));
        } else if (path.equals("/_bulk")) {
            send(exchange, 200, bulk(body));
        } else if (path.startsWith("/_index_template/")) {
            send(exchange, method.equals("GET") ? 404 : 200, method.equals("GET") ? Json.obj() : Json.obj("acknowledged", true));
        } else if (method.equals("PUT") && path.endsWith("/_mapping")) {
            send(exchange, 200, Json.obj("acknowledged", true));
        } else if (path.endsWith("/_search") || path.endsWith("/_count")) {
            send(exchange, 200, Json.obj("count", 0, "hits", Json.obj("hits", Json.arr()),
                    "_shards", Json.obj("total", 1, "successful", 1, "skipped", 0, "failed", 0)));
        } else if (path.equals("/_search/scroll")) {
            send(exchange, 200, Json.obj("succeeded", true));
        } else if (path.endsWith("/_refresh")) {
            send(exchange, 200, Json.obj("_shards", Json.obj("total", 1, "successful", 1, "failed", 0)));
        } else if (parts.length == 1 && !parts[0].startsWith("_")) {
            boolean exists = indices.containsKey(parts[0]);
            if (method.equals("PUT")) {
                indices.put(parts[0], true);
            }
            send(exchange, method.equals("PUT") || exists ? 200 : 404,
                    method.equals("PUT") ? Json.obj("acknowledged", true, "index", parts[0]) : Json.obj());
        } else if (parts.length == 3 && parts[1].equals("_doc")) {
            String doc = parts[0] + "/" + parts[2];
            if (method.equals("PUT")) {
                documents.put(doc, ClusterClient.json().readTree(body));
                written.merge(doc, 1, Integer::sum);
                send(exchange, 201, Json.obj("_index", parts[0], "_id", parts[2], "result", "created"));
            } else if (method.equals("GET") && documents.containsKey(doc)) {
                send(exchange, 200, Json.obj("_index", parts[0], "_id", parts[2], "found", true, "_source", documents.get(doc)));
            } else if (method.equals("DELETE") && documents.remove(doc) != null) {
                send(exchange, 200, Json.obj("_index", parts[0], "_id", parts[2], "result", "deleted"));
            } else {
                send(exchange, 404, Json.obj("_index", parts[0], "_id", parts[2], "found", false));
            }
        } else {
            send(exchange, 400, Json.obj("error", Json.obj("type", "illegal_argument_exception",
                    "reason", "not played by PlayedCluster: " + method + " " + path)));
        }
    }

    /** Answers each item as {@link #answers} says, remembering what it wrote. */
    private JsonNode bulk(byte[] body) throws IOException {
        List<Item> items = new ArrayList<>();
        ArrayNode out = Json.arr();
        boolean errors = false;
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            JsonNode action = ClusterClient.json().readTree(lines[i]);
            String kind = action.fieldNames().next();
            JsonNode meta = action.path(kind);
            Item item = new Item(kind, meta.path("_index").asText(), meta.path("_id").asText());
            JsonNode source = kind.equals("delete") ? null : ClusterClient.json().readTree(lines[++i]);
            items.add(item);
            int status = answers.status(item, sent.getOrDefault(item.doc(), 0));
            sent.merge(item.doc(), 1, Integer::sum);
            ObjectNode result = Json.obj("_index", item.index(), "_id", item.id(), "status", status);
            if (status == 200 || status == 201) {
                written.merge(item.doc(), 1, Integer::sum);
                if (source != null) {
                    documents.put(item.doc(), source);
                } else {
                    documents.remove(item.doc());
                }
                result.put("result", kind.equals("delete") ? "deleted" : "created");
            } else if (status == 404 && kind.equals("delete")) {
                result.put("result", "not_found"); // not a failure: errors stays false for it
            } else {
                errors = true;
                result.set("error", status == 429
                        ? Json.obj("type", "rejected_execution_exception", "reason", "rejected execution of coordinating operation"
                                + " [shard_detail=[" + item.index() + "][0]], write queue full")
                        : status == 503
                        ? Json.obj("type", "unavailable_shards_exception", "reason", "[" + item.index() + "][0] primary shard"
                                + " is not active Timeout: [1m]")
                        : Json.obj("type", "mapper_parsing_exception", "reason", "failed to parse field [received] of type"
                                + " [date_nanos] in document with id '" + item.id() + "'"));
            }
            out.add(Json.obj(kind, result));
        }
        bulks.add(List.copyOf(items));
        return Json.obj("took", 3, "errors", errors, "items", out);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = ClusterClient.json().writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
