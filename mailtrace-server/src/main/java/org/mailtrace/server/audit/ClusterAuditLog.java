package org.mailtrace.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.mailtrace.json.TraceJson;
import org.mailtrace.state.StateDocuments;
import org.mailtrace.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log as entries of kind {@value #KIND} in a store several servers share: every server
 * appends, and each reads what all of them wrote. {@code seq} is the store's sequence number (about
 * the microseconds since the epoch, unique across servers), so pages by {@code seq} work across servers;
 * entries of two servers at the same moment are ordered as far as their clocks agree.
 */
public final class ClusterAuditLog implements AuditTrail {
    static final String KIND = "audit";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterAuditLog.class);
    private static final ObjectMapper JSON = TraceJson.mapper();
    /** Entries fetched per request while looking for matches. */
    private static final int BATCH = 500;

    private final StateDocuments documents;
    private final Clock clock;

    public ClusterAuditLog(StateDocuments documents, Clock clock) {
        this.documents = documents;
        this.clock = clock;
    }

    @Override
    public AuditEntry append(String user, String remoteIp, AuditAction action, String outcome, String target,
                             Map<String, Object> filter, String auth) {
        AuditEntry[] made = new AuditEntry[1];
        try {
            documents.append(KIND, seq -> {
                made[0] = new AuditEntry(seq, clock.instant(), user, remoteIp, action.key(), outcome, target, filter, auth);
                return JSON.valueToTree(made[0]);
            });
        } catch (RuntimeException e) {
            LOG.error("audit {} {}: cannot append to the shared audit log", action.key(), user, e);
            throw e;
        }
        return made[0];
    }

    @Override
    public List<AuditEntry> read(Predicate<AuditEntry> filter, long beforeSeq, int limit) {
        List<AuditEntry> out = new ArrayList<>();
        long before = beforeSeq;
        while (out.size() <= limit) {
            List<StateDocuments.Document> page = documents.newestFirst(KIND, before, BATCH);
            for (StateDocuments.Document d : page) {
                AuditEntry e = entry(d);
                if (filter.test(e)) {
                    out.add(e);
                    if (out.size() > limit) {
                        break;
                    }
                }
                before = StateDocuments.seqOf(d);
            }
            if (page.size() < BATCH) {
                break;
            }
        }
        return out;
    }

    private static AuditEntry entry(StateDocuments.Document d) {
        try {
            return JSON.treeToValue(d.source(), AuditEntry.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("audit entry " + d.id() + " (kind " + KIND + ") is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    /** The shared store is closed by whoever opened it ({@link org.mailtrace.server.ServerState}). */
    @Override
    public void close() {
    }
}
