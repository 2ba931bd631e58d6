package org.mailtrace.store;

import java.util.Collection;
import java.util.List;

/**
 * Where ingest processes that each read some MTA hosts find each other's halves of a message that
 * crossed between their hosts (an MX relaying to a hub, a submission host to an outbound relay).
 * A store that several ingest processes can write offers one ({@link TraceStore#hopDirectory()}).
 *
 * <p>The protocol, which the pipeline runs at commit time and never per line:
 * <ol>
 *   <li>Every trace a process hands to the store with a hop key also gets its {@link HopRecord}
 *       published: the outbound keys it waits for ({@code queued as X} with no {@code X} in this
 *       process), its inbound key (queue ID and first-seen time of a message an SMTP client handed
 *       in) and its correlation facts. Published again, replacing the old one, whenever the trace
 *       changes.</li>
 *   <li>The process then {@link #find finds} every record sharing a queue ID with its own, and
 *       again with the ones found (a chain of three hosts), and joins the records whose keys match
 *       as one process would (same queue ID, within the link window, the nearest first). The joined
 *       trace takes the trace ID of the first host's record (as one process would give it) and is
 *       rebuilt from all records' facts; the other records' trace IDs are deleted from the store.
 *       Both sides compute the same result from the same records, so whichever side comes second
 *       does the join, and if both come at once both write the same documents.</li>
 *   <li>Every record is looked up once more at the drain after the commit that made it visible
 *       (a run ends with that extra commit): of two processes committing at the same moment, at
 *       least one then sees the other.</li>
 * </ol>
 * No lock: records are keyed by trace ID (deterministic), joins are upserts and deletes of
 * deterministic IDs, so repeating any step changes nothing.
 *
 * <p>Not last-writer-wins. While following live logs both sides re-store a message as it grows,
 * so two joins of one message can be built from different versions of its records (each side
 * from its own newest record and the other side's older one) and land in either order. A joined
 * trace is therefore written through {@link #upsertJoined}, which keeps the stored one when it was
 * built from more ({@link JoinedTrace#builtFrom}): the join of every side's newest record is built
 * from the most, so once any process writes it (the look-up after each commit makes sure one
 * does) it stays, whatever lands after it; equal builds are the same trace, so a repeated join
 * still rewrites the same documents.
 *
 * <p>Contract, checked by {@code TraceStoreContract}:
 * <ul>
 *   <li>{@link #publish} replaces records by {@link HopRecord#traceId()}; they become durable and
 *       visible with the store's next commit (a {@link TraceWriter#commit} or
 *       {@link TraceWriter#commitInBackground} of the same store), atomically with it.</li>
 *   <li>{@link #upsertJoined} stores a trace as a commit's upserts do (its rows, searches,
 *       {@link TraceReader#get}), with the next commit, in order with the changes staged around it and
 *       before that commit's own upserts and deletes, unless the trace stored under its ID then was written by {@code upsertJoined}
 *       with a larger {@link JoinedTrace#builtFrom} (by any writer of the store, before or in this
 *       commit): then it is dropped. An equal one is written. A trace stored by a plain upsert
 *       counts as built from 0 (it is one side alone, which any join of that side replaces); a
 *       deleted one is gone, so a joined trace of its ID is written.</li>
 *   <li>{@link #find} sees every record committed (and, for a search engine, made visible) before
 *       it started, from any writer; it returns each matching record once, in no particular order.</li>
 *   <li>{@link TraceWriter#deleteReceivedBefore} also removes records whose {@link HopRecord#time()}
 *       is before the cutoff.</li>
 *   <li>Records never show in searches, counts, statistics or {@link TraceReader#get}.</li>
 * </ul>
 */
public interface HopDirectory {

    /** Stores these records (replacing any with the same trace ID) with the next commit. */
    void publish(Collection<HopRecord> records);

    /**
     * Stores these joined traces with the next commit, each unless the trace stored under its ID was
     * joined from more (the contract above); deletes go through the ordinary commit.
     */
    void upsertJoined(Collection<JoinedTrace> traces);

    /** Every committed record with an inbound or outbound key whose queue ID is one of these. */
    List<HopRecord> find(Collection<String> queueIds);
}
