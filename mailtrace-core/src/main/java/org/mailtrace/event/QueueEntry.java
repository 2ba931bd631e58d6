package org.mailtrace.event;

/** qmgr: {@code QID: from=<a>, size=123, nrcpt=2 (queue active)}. size is -1 and nrcpt -1 when absent. */
public record QueueEntry(LineMeta meta, QueueId queueId, String sender, long size, int nrcpt) implements MailEvent {
}
