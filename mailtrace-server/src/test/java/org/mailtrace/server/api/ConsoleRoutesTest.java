package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's pages and assets: served to anyone (they hold no data), with strict security headers. */
class ConsoleRoutesTest {
    private final ApiFixture api = ApiFixture.shared();

    @Test
    void rootAndConsoleRedirectToTheTracePage() {
        for (String path : new String[] {"/", "/console"}) {
            HttpApi.Answer a = api.http.get(path, null);
            assertThat(a.status()).as(path).isIn(301, 302, 303, 307, 308);
            assertThat(a.header("Location")).as(path).isEqualTo("/console/trace");
        }
    }

    @Test
    void everyPagePathServesTheShellWithAStrictContentSecurityPolicy() {
        for (String path : new String[] {"/console/trace", "/console/signin", "/console/admin/users", "/console/trace/anything"}) {
            HttpApi.Answer a = api.http.get(path, null);
            assertThat(a.status()).as(path).isEqualTo(200);
            assertThat(a.header("Content-Type")).startsWith("text/html");
            assertThat(a.body()).contains("<script type=\"module\" src=\"/console/assets/app.js\"></script>");
            String csp = a.header("Content-Security-Policy");
            assertThat(csp).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(a.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(a.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
    }

    @Test
    void shellHasNoInlineScriptOrStyle() {
        String html = api.http.get("/console/trace", null).body();
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContain("<style", " style=", "onclick=", "onload=");
    }

    @Test
    void assetsHaveTheirTypesAndUnknownOrEscapingNamesAre404() {
        assertThat(api.http.get("/console/assets/app.js", null).header("Content-Type")).startsWith("text/javascript");
        assertThat(api.http.get("/console/assets/console.css", null).header("Content-Type")).startsWith("text/css");
        assertThat(api.http.get("/console/assets/icon.svg", null).header("Content-Type")).startsWith("image/svg+xml");
        for (String path : new String[] {"/console/assets/nope.js", "/console/assets/..%2Findex.html", "/console/assets/app.js.map",
                "/console/assets/%2e%2e%2f%2e%2e%2forg%2fmailtrace%2fserver%2fopenapi.json"}) {
            HttpApi.Answer a = api.http.send("GET", path, null, null, Map.of());
            assertThat(a.status()).as(path).isIn(400, 404);
            assertThat(a.body()).as(path).doesNotContain("<html", "\"openapi\"");
        }
    }

    @Test
    void apiDataStaysUncachedWhileAssetsRevalidate() {
        assertThat(api.http.get("/api/v1/traces?limit=1", HttpApi.bearer(api.token("admin"))).header("Cache-Control")).isEqualTo("no-store");
        assertThat(api.http.get("/console/trace", null).header("Cache-Control")).isEqualTo("no-store");
        assertThat(api.http.get("/console/assets/app.js", null).header("Cache-Control")).isEqualTo("no-cache");
    }
}
