package org.mailtrace.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.mailtrace.server.auth.Permission;

/**
 * The web console: one HTML shell for every page under {@code /console/} (the pages are drawn by
 * small JavaScript modules from the REST API) and the shell's static assets. These are not API
 * routes, so they are registered past the {@link RouteTable} (and left out of the OpenAPI
 * document), but still with a permission, {@link Permission#PUBLIC}: the shell holds no data, and
 * every datum it shows comes through the API's access check.
 *
 * <p>The Content-Security-Policy allows scripts, styles and fetches from this origin only, no
 * inline script or style, and no framing; a stolen subject line rendered in the page therefore
 * cannot run script even if some view escaped it wrongly.
 */
final class ConsoleRoutes {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final String ROOT = "/console/";
    /** Flat asset names only: no directories, no dots beyond the extension, so no path can escape. */
    private static final Pattern ASSET = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}\\.(js|css|svg|png|ico)");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
    private final byte[] shell;

    ConsoleRoutes() {
        this.shell = read("index.html").orElseThrow(() -> new IllegalStateException("console/index.html is missing from the server jar"));
    }

    void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.redirect("/console/trace"), Permission.PUBLIC);
        routes.get("/console", ctx -> ctx.redirect("/console/trace"), Permission.PUBLIC);
        routes.get("/console/assets/{file}", this::asset, Permission.PUBLIC);
        // Every page path gets the same shell; the script draws the page the path names.
        routes.get("/console/<page>", this::page, Permission.PUBLIC);
    }

    private void page(Context ctx) {
        secure(ctx);
        ctx.contentType("text/html; charset=utf-8").result(shell);
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("file");
        if (!ASSET.matcher(name).matches()) {
            throw ApiError.notFound("no console asset " + TraceQueryParams.clip(name));
        }
        byte[] body = cache.computeIfAbsent(name, n -> read("assets/" + n).orElse(null));
        if (body == null) {
            throw ApiError.notFound("no console asset " + name);
        }
        secure(ctx);
        // Assets carry no data; revalidation-free caching is still off so an upgrade shows at once.
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1))).result(body);
    }

    private static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    }

    private static Optional<byte[]> read(String name) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(ROOT + name + ": cannot read console resource", e);
        }
    }
}
