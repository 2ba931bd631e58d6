package org.mailtrace.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hides the method-override headers ({@code X-HTTP-Method-Override} and its cousins) from the
 * application. Javalin would otherwise route a GET carrying {@code X-HTTP-Method-Override: DELETE}
 * as a DELETE: a request that passes as safe (no CSRF token needed, allowed by proxies and
 * prefetchers) would change state. The request's own method is the only one that counts.
 */
final class IgnoredMethodOverride implements Filter {
    static final Set<String> HIDDEN = Set.of("x-http-method-override", "x-http-method", "x-method-override");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        chain.doFilter(request instanceof HttpServletRequest http ? new Hiding(http) : request, response);
    }

    private static boolean hidden(String name) {
        return name != null && HIDDEN.contains(name.toLowerCase(Locale.ROOT));
    }

    private static final class Hiding extends HttpServletRequestWrapper {
        Hiding(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(IgnoredMethodOverride::hidden);
            return Collections.enumeration(names);
        }
    }
}
