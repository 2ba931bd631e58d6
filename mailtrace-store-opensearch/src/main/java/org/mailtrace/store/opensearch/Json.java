package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/** Small builders for query DSL JSON, so translations read like the DSL they produce. */
final class Json {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {
    }

    /** An object from alternating keys and values (String, Number, Boolean, JsonNode). */
    static ObjectNode obj(Object... kv) {
        ObjectNode o = F.objectNode();
        for (int i = 0; i < kv.length; i += 2) {
            o.set((String) kv[i], value(kv[i + 1]));
        }
        return o;
    }

    static ArrayNode arr(Object... values) {
        ArrayNode a = F.arrayNode();
        for (Object v : values) {
            a.add(value(v));
        }
        return a;
    }

    static ArrayNode arr(Collection<?> values) {
        return arr(values.toArray());
    }

    static ObjectNode term(String field, String value) {
        return obj("term", obj(field, obj("value", value)));
    }

    static ObjectNode terms(String field, Collection<String> values) {
        return obj("terms", obj(field, arr(values)));
    }

    static ObjectNode wildcard(String field, String pattern) {
        return obj("wildcard", obj(field, obj("value", pattern)));
    }

    static ObjectNode filter(Collection<? extends JsonNode> clauses) {
        return obj("bool", obj("filter", arr(clauses)));
    }

    static ObjectNode anyOf(Collection<? extends JsonNode> clauses) {
        return obj("bool", obj("should", arr(clauses), "minimum_should_match", 1));
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof JsonNode n) {
            return n;
        }
        if (v instanceof String s) {
            return F.textNode(s);
        }
        if (v instanceof Integer n) {
            return F.numberNode(n);
        }
        if (v instanceof Long n) {
            return F.numberNode(n);
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        throw new IllegalArgumentException("no JSON for " + v.getClass());
    }
}
