package org.mailtrace.server.report;

/**
 * Who to tell when a report finishes; either may be null.
 *
 * @param webhook an http(s) URL that receives the report JSON by POST
 * @param email   an address that receives a short mail through the configured {@code smtp-relay}
 */
public record ReportNotify(String webhook, String email) {
}
