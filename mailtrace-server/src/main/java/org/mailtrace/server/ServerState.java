package org.mailtrace.server;

import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.jetty.session.SessionDataStore;
import org.mailtrace.server.audit.AuditLog;
import org.mailtrace.server.audit.AuditTrail;
import org.mailtrace.server.audit.ClusterAuditLog;
import org.mailtrace.server.auth.ClusterUserStore;
import org.mailtrace.server.auth.JsonFileUserStore;
import org.mailtrace.server.auth.UserStore;
import org.mailtrace.server.auth.oidc.LocalPendingSignIns;
import org.mailtrace.server.auth.oidc.PendingSignIns;
import org.mailtrace.server.auth.oidc.SealedPendingSignIns;
import org.mailtrace.server.report.ClusterReportJobs;
import org.mailtrace.server.report.DirectoryReportJobs;
import org.mailtrace.server.report.ReportJobs;
import org.mailtrace.server.report.ReportService;
import org.mailtrace.server.savedquery.ClusterRecentQueries;
import org.mailtrace.server.savedquery.ClusterSavedQueries;
import org.mailtrace.server.savedquery.RecentQueries;
import org.mailtrace.server.savedquery.RecentQueryStore;
import org.mailtrace.server.savedquery.SavedQueries;
import org.mailtrace.server.savedquery.SavedQueryStore;
import org.mailtrace.state.StateDocuments;

/**
 * What the server keeps about itself, beside the traces: accounts and API tokens, console sessions,
 * saved and recent queries, the audit log, and the directory of report jobs. Two kinds:
 * {@link #inDirectory} (files in the data directory, one server: the formats of earlier releases) and
 * {@link #shared} (documents in the store's cluster, so any number of servers answer alike and share
 * sign-ins). Each part's contract is the javadoc of its interface. Closing closes the audit log, the
 * report jobs (a {@link ReportService} closes them first, when it stops; closing twice is harmless) and
 * the shared store.
 *
 * @param sessions   console sessions kept where every server sees them, or null for Jetty's
 *                   in-memory sessions (one server)
 * @param reports    report jobs and their CSVs
 * @param signIns    OIDC sign-ins begun and not yet back from the provider
 */
public record ServerState(UserStore users, AuditTrail audit, SavedQueryStore savedQueries, RecentQueryStore recentQueries,
                          SessionDataStore sessions, ReportJobs reports, PendingSignIns signIns, AutoCloseable shared)
        implements AutoCloseable {

    /** Everything in files in {@code data}: {@code users.json}, {@code audit/}, {@code queries.json}, {@code recent/}, {@code reports/}. */
    public static ServerState inDirectory(Path data, Clock clock) {
        return new ServerState(new JsonFileUserStore(data.resolve("users.json")), new AuditLog(data.resolve("audit"), clock),
                new SavedQueries(data, clock), new RecentQueries(data, clock), null, new DirectoryReportJobs(data),
                new LocalPendingSignIns(clock), null);
    }

    /** Files for what {@code users} and {@code audit} do not cover, as {@link MailtraceServer#start} was always given them. */
    static ServerState of(UserStore users, AuditTrail audit, Path data, Clock clock) {
        return new ServerState(users, audit, new SavedQueries(data, clock), new RecentQueries(data, clock), null, new DirectoryReportJobs(data),
                new LocalPendingSignIns(clock), null);
    }

    /**
     * Everything in {@code documents} (the trace store's cluster), which this state then owns and closes.
     *
     * @param reportsDir this server's own private directory for the CSVs of the reports it is running
     */
    public static ServerState shared(StateDocuments documents, Path reportsDir, Clock clock) {
        return new ServerState(new ClusterUserStore(documents), new ClusterAuditLog(documents, clock),
                new ClusterSavedQueries(documents, clock), new ClusterRecentQueries(documents, clock),
                new SharedSessions(documents), new ClusterReportJobs(documents, reportsDir, clock, ClusterReportJobs.LEASE),
                new SealedPendingSignIns(documents, clock), documents);
    }

    @Override
    public void close() {
        audit.close();
        reports.close();
        if (shared != null) {
            try {
                shared.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the shared server state failed: " + e.getMessage(), e);
            }
        }
    }
}
