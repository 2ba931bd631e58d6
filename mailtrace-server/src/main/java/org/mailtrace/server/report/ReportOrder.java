package org.mailtrace.server.report;

import java.util.Set;

/**
 * What is kept on disk per report ({@code DIR/reports/<id>.json}): the API view plus what the job
 * needs to run again after a restart and is not shown: the owner's domain scope at ordering time
 * and the notification targets.
 */
public record ReportOrder(Report report, Set<String> scopeDomains, ReportNotify notifyTo) {
    public ReportOrder {
        scopeDomains = scopeDomains == null ? Set.of() : Set.copyOf(scopeDomains);
    }

    ReportOrder with(Report r) {
        return new ReportOrder(r, scopeDomains, notifyTo);
    }
}
