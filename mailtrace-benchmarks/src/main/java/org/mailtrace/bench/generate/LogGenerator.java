package org.mailtrace.bench.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Writes one day of a Postfix cluster's mail log: {@code messages} messages spread over 24 hours
 * (UTC, BSD syslog timestamps), their sessions interleaved as on a busy server. Deterministic: the
 * same options give the same bytes. Streams to the file; memory holds only lines not yet due.
 *
 * <p>Usage: {@code LogGenerator --messages N [--seed S] [--day 2026-11-27] [--relayed-percent P] --output FILE}
 */
public final class LogGenerator {
    /** The default day: a Friday, the day before the benchmark was written. */
    public static final LocalDate DEFAULT_DAY = LocalDate.of(2026, 11, 27);

    /**
     * @param messages how many messages (SMTP transactions, refused ones included)
     * @param seed     the random seed; same seed, same log
     * @param day      the UTC day the log covers
     * @param relayedPercent share of messages the submission host relays to an MX by SMTP ({@code queued as}),
     *                       which delivers them: one message on two hosts, for ingest processes split by host.
     *                       0 (the default) draws no random number for it, so older logs stay byte-identical
     */
    public record Options(long messages, long seed, LocalDate day, int relayedPercent) {
        public Options {
            if (messages < 1) {
                throw new IllegalArgumentException("messages must be at least 1, was " + messages);
            }
            if (relayedPercent < 0 || relayedPercent > 100) {
                throw new IllegalArgumentException("relayedPercent must be 0 to 100, was " + relayedPercent);
            }
        }

        /** No message crosses hosts: the log every benchmark so far was measured on. */
        public Options(long messages, long seed, LocalDate day) {
            this(messages, seed, day, 0);
        }
    }

    private LogGenerator() {
    }

    /** The domains the generated cluster receives mail for: pass them to ingest as --accepted-domain. */
    public static java.util.List<String> hostedDomains() {
        return Population.HOSTED_DOMAINS;
    }

    /** Generates into {@code output} (replaced if present). */
    public static GeneratedLog generate(Options options, Path output) throws IOException {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.US_ASCII), 1 << 20)) {
            return generate(options, w);
        }
    }

    /** Generates into {@code out} (not closed). */
    public static GeneratedLog generate(Options options, Writer out) throws IOException {
        SplittableRandom random = new SplittableRandom(options.seed());
        TimedLines lines = new TimedLines(out);
        Mailflows flows = new Mailflows(random, new Cluster(random), lines, options.relayedPercent());
        long dayStart = options.day().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        double spacing = 86_400_000.0 / options.messages();
        for (long i = 0; i < options.messages(); i++) {
            long t = dayStart + (long) (i * spacing + random.nextDouble() * spacing);
            lines.releaseBefore(t);
            flows.message(t);
        }
        lines.releaseAll();
        out.flush();
        return new GeneratedLog(options.messages(), flows.notifications, flows.recipients, lines.written(),
                lines.bytes(), flows.byKind());
    }

    public static void main(String[] args) throws IOException {
        long messages = 0;
        long seed = 42;
        LocalDate day = DEFAULT_DAY;
        Path output = null;
        int relayed = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> messages = Long.parseLong(args[++i].replace("_", ""));
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--day" -> day = LocalDate.parse(args[++i]);
                case "--relayed-percent" -> relayed = Integer.parseInt(args[++i]);
                case "--output" -> output = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: LogGenerator --messages N [--seed S] [--day YYYY-MM-DD] [--relayed-percent P] --output FILE");
                    System.exit(2);
                }
            }
        }
        if (output == null || messages < 1) {
            System.err.println("usage: LogGenerator --messages N [--seed S] [--day YYYY-MM-DD] [--relayed-percent P] --output FILE");
            System.exit(2);
        }
        GeneratedLog log = generate(new Options(messages, seed, day, relayed), output);
        System.out.println(output + ": " + log);
    }
}
