package org.mailtrace.bench.run;

import org.mailtrace.format.Formats;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.ZoneOffset;
import java.util.Locale;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.correlate.Correlator;
import org.mailtrace.format.ParseResult;
import org.mailtrace.format.postfix.PostfixFormat;
import org.mailtrace.source.Framed;
import org.mailtrace.source.SyslogFraming;
import org.mailtrace.source.YearResolver;

/**
 * Heap against open messages (issue 14): feeds the correlator messages that open and never end,
 * as a hostile syslog sender would (smtpd {@code client=}, cleanup {@code info: header Subject:},
 * qmgr {@code from=}, never {@code removed}), through the real Postfix parser, and prints the live
 * heap after a full collection at eight points of the run. Run it in a JVM with heap to spare
 * ({@code MAILTRACE_BENCH_JAVA_OPTS=-Xmx4g}) so the figures are the live set, not the collector's limit.
 *
 * <pre>
 * ./mailtrace-bench open-heap --messages 200000 --subject-chars 1000 --max-open 100000000 --max-open-memory-mb 100000 --max-field-chars 1048576
 * ./mailtrace-bench open-heap --messages 200000 --subject-chars 60000          (default caps)
 * </pre>
 */
public final class OpenMessageHeap {
    static final String USAGE = "usage: open-heap [--messages N] [--subject-chars N] [--max-open N] [--max-open-memory-mb MIB] [--max-field-chars N]";

    private OpenMessageHeap() {
    }

    public static void main(String[] args) throws Exception {
        int messages = 200_000;
        int subjectChars = 1000;
        int maxOpen = CorrelationSettings.DEFAULT_MAX_OPEN_MESSAGES;
        int maxField = CorrelationSettings.DEFAULT_MAX_FIELD_CHARS;
        long maxBytes = CorrelationSettings.DEFAULT_MAX_OPEN_BYTES;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> messages = Integer.parseInt(args[++i].replace("_", ""));
                case "--subject-chars" -> subjectChars = Integer.parseInt(args[++i].replace("_", ""));
                case "--max-open" -> maxOpen = Integer.parseInt(args[++i].replace("_", ""));
                case "--max-open-memory-mb" -> maxBytes = Long.parseLong(args[++i].replace("_", "")) << 20;
                case "--max-field-chars" -> maxField = Integer.parseInt(args[++i].replace("_", ""));
                default -> {
                    System.err.println("open-heap: unknown option " + args[i] + "; " + USAGE);
                    System.exit(2);
                }
            }
        }
        CorrelationSettings settings = CorrelationSettings.defaults()
                .withCaps(maxOpen, maxBytes, maxField, CorrelationSettings.DEFAULT_MAX_FACTS_PER_MESSAGE);
        Correlator correlator = new Correlator(settings, Formats.allRules());
        SyslogFraming framing = new SyslogFraming(ZoneOffset.UTC, YearResolver.startingIn(2026));
        PostfixFormat postfix = new PostfixFormat();
        String subject = "s".repeat(subjectChars);
        long baseline = liveHeap();
        System.out.printf(Locale.ROOT, "open-heap: %,d messages, %,d-char subjects, max-open-messages %,d,"
                + " max-open-memory-mb %,d, max-field-chars %,d, -Xmx %,d MiB; live heap before: %.1f MiB%n", messages,
                subjectChars, maxOpen, maxBytes >> 20, maxField, Runtime.getRuntime().maxMemory() >> 20, baseline / 1048576.0);
        System.out.println("| messages fed | in memory | evicted by the caps | estimated (MiB) | live heap (MiB) | per message in memory (KiB) |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        long started = System.nanoTime();
        int step = Math.max(1, messages / 8);
        for (int i = 1; i <= messages; i++) {
            String qid = String.format("%011X", 0x10000000L + i);
            String time = String.format("Nov 27 %02d:%02d:%02d", i / 3_600_000 % 24, i / 60_000 % 60, i / 1000 % 60);
            String[] lines = {
                    time + " mx1 postfix/smtpd[4242]: " + qid + ": client=unknown[192.0.2.7]",
                    time + " mx1 postfix/cleanup[4243]: " + qid + ": info: header Subject: " + subject
                            + " from unknown[192.0.2.7]; from=<x" + i + "@remote.test> to=<bob@example.test> proto=ESMTP helo=<h>",
                    time + " mx1 postfix/qmgr[4244]: " + qid + ": from=<x" + i + "@remote.test>, size=" + (subjectChars + 900)
                            + ", nrcpt=1 (queue active)"};
            for (String line : lines) {
                if (framing.frame(line, "open-heap") instanceof Framed.Ok ok
                        && postfix.parse(ok.line()) instanceof ParseResult.Parsed p) {
                    p.events().forEach(e -> correlator.accept(e, postfix.rules()));
                }
            }
            if (i % 1000 == 0) {
                correlator.drainEvicted(); // as a commit would: evicted traces go to the store
            }
            if (i % step == 0 || i == messages) {
                correlator.drainEvicted();
                long heap = liveHeap() - baseline;
                int inMemory = correlator.tracesInMemory();
                System.out.printf(Locale.ROOT, "| %,d | %,d | %,d | %.1f | %.1f | %.2f |%n", i, inMemory,
                        correlator.evictedByCap(), correlator.bytesInMemory() / 1048576.0, heap / 1048576.0, inMemory == 0 ? 0.0 : heap / 1024.0 / inMemory);
            }
        }
        System.out.printf(Locale.ROOT, "open-heap: %.1f s, %,d lines cut to the field cap%n",
                (System.nanoTime() - started) / 1e9, correlator.eventsCut());
    }

    /** Heap in use after full collections: what stays reachable. */
    private static long liveHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
