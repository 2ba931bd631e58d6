package org.mailtrace.server.audit;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where audit entries go. Contract: {@link #append} returns only once the entry is durable (or
 * throws, and the request that caused it fails: an action that cannot be audited must not happen
 * silently); sequence numbers are unique and increase in the order one process appends; every
 * entry appended anywhere is seen by the next {@link #read}. {@link AuditLog} keeps a file in the data
 * directory; {@link ClusterAuditLog} keeps documents in a store several servers share.
 */
public interface AuditTrail extends AutoCloseable {

    /** Appends one entry; see the contract. */
    AuditEntry append(String user, String remoteIp, AuditAction action, String outcome,
                      String target, Map<String, Object> filter, String auth);

    /**
     * Entries matching the filter, newest first: at most {@code limit + 1} (the extra one tells the caller
     * that more exist) with {@code seq} below {@code beforeSeq} (0 for the newest).
     */
    List<AuditEntry> read(Predicate<AuditEntry> filter, long beforeSeq, int limit);

    @Override
    void close();
}
