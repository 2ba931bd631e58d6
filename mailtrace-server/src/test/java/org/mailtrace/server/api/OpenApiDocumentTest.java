package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The hand-written OpenAPI document describes exactly the routes the server registers. */
class OpenApiDocumentTest {

    @Test
    void everyRegisteredRouteIsDocumentedAndNothingElse() {
        ApiFixture api = ApiFixture.shared();
        JsonNode doc = api.http.get("/api/openapi.json", null).json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        JsonNode paths = doc.get("paths");
        int documented = 0;
        for (var it = paths.fields(); it.hasNext(); ) {
            var e = it.next();
            for (var m = e.getValue().fieldNames(); m.hasNext(); ) {
                if (!m.next().equals("parameters")) {
                    documented++;
                }
            }
        }
        for (RouteTable.Route r : api.server.routes()) {
            assertThat(paths.has(r.path())).as(r.path()).isTrue();
            assertThat(paths.get(r.path()).has(r.method().toLowerCase(Locale.ROOT))).as(r.method() + " " + r.path()).isTrue();
        }
        assertThat(documented).isEqualTo(api.server.routes().size());
    }
}
