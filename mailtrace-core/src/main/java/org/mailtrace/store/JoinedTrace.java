package org.mailtrace.store;

import java.util.Objects;

import org.mailtrace.model.MessageTrace;

/**
 * A trace that joining hop records of several ingest processes built ({@link HopDirectory}), and
 * how much it was built from, so that a join built from older records never replaces one built from
 * newer ones ({@link HopDirectory#upsertJoined}).
 *
 * <p>Why a number is enough. Each record carries its trace's revision: how many times that trace
 * changed in its process, which only grows from one version to the next and is the same for the
 * same lines. {@code builtFrom} is the sum of the revisions of the records joined. A build from the
 * latest record of every member is strictly larger than any build that used an older record of one
 * of them (or lacked a member), so once it is stored nothing built before it replaces it, in
 * whatever order the processes' writes land. Builds from the same records are equal and are the
 * same trace: a repeated join (a re-ingest, both sides joining at once) rewrites the same documents.
 *
 * @param trace     the joined trace, under the trace ID of its first host's record
 * @param builtFrom the sum of the revisions of the hop records it was built from; at least 0
 */
public record JoinedTrace(MessageTrace trace, long builtFrom) {
    public JoinedTrace {
        Objects.requireNonNull(trace, "trace");
        if (builtFrom < 0) {
            throw new IllegalArgumentException(trace.messageTraceId() + ": builtFrom " + builtFrom + " is negative");
        }
    }
}
