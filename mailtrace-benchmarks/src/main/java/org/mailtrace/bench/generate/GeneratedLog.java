package org.mailtrace.bench.generate;

import java.util.Map;

/**
 * What a generator run wrote: the counts the benchmark divides by and the tests check against.
 *
 * @param messages      messages generated (every SMTP transaction attempt, refused ones included)
 * @param notifications bounce notifications (NDRs) the cluster generated, each its own trace
 * @param recipients    envelope recipients over all messages and notifications (expected rows)
 * @param lines         lines written
 * @param bytes         bytes written
 * @param byKind        messages per scenario (inbound-clean, outbound-deferred, rcpt-reject, ...)
 */
public record GeneratedLog(long messages, long notifications, long recipients, long lines, long bytes,
                           Map<String, Long> byKind) {
}
