package org.mailtrace.server.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.mailtrace.json.TraceJson;
import org.mailtrace.server.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whoever asked that a report finished: the report JSON by POST to a webhook (only to a
 * target {@link WebhookTargets} accepts; redirects are never followed), and/or a short mail
 * through the SMTP relay. A failed notification is logged with the report ID and never
 * changes the report: the CSV is there either way.
 */
final class ReportNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(ReportNotifier.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final HostPort smtpRelay;
    private final String smtpFrom;
    private final WebhookTargets targets;

    ReportNotifier(HostPort smtpRelay, String smtpFrom, WebhookTargets targets) {
        this.smtpRelay = smtpRelay;
        this.smtpFrom = smtpFrom;
        this.targets = targets;
    }

    boolean canMail() {
        return smtpRelay != null;
    }

    void notify(ReportOrder order) {
        Report r = order.report();
        ReportNotify n = order.notifyTo();
        if (n == null) {
            return;
        }
        if (n.webhook() != null) {
            try {
                targets.check(URI.create(n.webhook())); // again: the name may resolve elsewhere since the order
                HttpRequest req = HttpRequest.newBuilder(URI.create(n.webhook())).timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "mailtrace-report")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(TraceJson.mapper().writeValueAsBytes(r))).build();
                HttpResponse<Void> resp = http.send(req, HttpResponse.BodyHandlers.discarding());
                if (resp.statusCode() / 100 != 2) {
                    LOG.warn("report {}: webhook {} answered {}", r.id(), n.webhook(), resp.statusCode());
                }
            } catch (JsonProcessingException e) {
                LOG.error("report {}: cannot serialise for the webhook", r.id(), e);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("report {}: webhook {} failed: {}", r.id(), n.webhook(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (n.email() != null && smtpRelay != null) {
            try {
                new SmtpClient(smtpRelay, TIMEOUT).send(smtpFrom, n.email(), subject(r), body(r));
            } catch (IOException e) {
                LOG.warn("report {}: mail to {} through {}:{} failed: {}", r.id(), n.email(), smtpRelay.host(),
                        smtpRelay.port(), e.getMessage());
            }
        }
    }

    static String subject(Report r) {
        return "mailtrace report \"" + r.title() + "\": " + r.state().key();
    }

    static String body(Report r) {
        StringBuilder b = new StringBuilder();
        b.append("Report: ").append(r.title()).append('\n')
                .append("Type: ").append(r.type().key()).append('\n')
                .append("State: ").append(r.state().key()).append('\n')
                .append("Rows: ").append(r.rows()).append(r.capped() ? " (capped)" : "").append('\n')
                .append("Ordered by: ").append(r.owner()).append(" at ").append(r.createdAt()).append('\n');
        if (r.error() != null) {
            b.append("Error: ").append(r.error()).append('\n');
        }
        if (r.state().hasCsv()) {
            b.append("\nDownload: GET /api/v1/reports/").append(r.id()).append("/download\n");
        }
        return b.toString();
    }
}
