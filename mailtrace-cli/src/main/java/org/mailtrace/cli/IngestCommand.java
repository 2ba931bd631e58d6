package org.mailtrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.format.Formats;
import org.mailtrace.format.LineFormat;
import org.mailtrace.pipeline.FollowSettings;
import org.mailtrace.pipeline.IngestPipeline;
import org.mailtrace.pipeline.IngestSettings;
import org.mailtrace.pipeline.IngestStats;
import org.mailtrace.pipeline.ProgressListener;
import org.mailtrace.source.LogDirectory;
import org.mailtrace.store.TraceStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailtrace ingest}: read MTA logs into the trace store, resuming where the last run stopped. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Read mail logs (plain, .gz, .bz2, or - for standard input) and store message traces.",
                "Re-running on the same files adds nothing twice: ingest resumes after the last line it committed, "
                        + "also when the file was renamed or compressed by log rotation."},
        footer = {"", "Examples:",
                "  mailtrace ingest --data /var/lib/mailtrace /var/log/mail.log",
                "  mailtrace ingest --data DIR --accepted-domain example.org \\",
                "      --trusted-network 192.0.2.0/24 \\",
                "      /var/log/mail.log.2.gz /var/log/mail.log.1 /var/log/mail.log",
                "  zcat old/mail.log.*.gz | mailtrace ingest --data DIR --year 2025 -",
                "  mailtrace ingest --data DIR --output json /var/log/mail.log | jq .malformed",
                "  mailtrace ingest --data DIR --follow /var/log/mail.log.1 /var/log/mail.log",
                "  mailtrace ingest --data DIR --follow \\",
                "      --watch-dir /var/log --log-pattern 'mail.log*'",
                "  mailtrace ingest --data DIR --watch-dir /var/log --log-pattern 'maillog*'",
                "  mailtrace ingest --data DIR --host-name mx1 copies/mx1/exim4/mainlog",
                "  mailtrace ingest --data DIR --format exchange MSGTRK*.LOG",
                "  mailtrace ingest --data DIR exchange-logs/",
                "  mailtrace ingest --data DIR --follow \\",
                "      --watch-dir /mnt/mbx01/MessageTracking --log-pattern 'MSGTRK*'",
                "", "Syslog timestamps without a year get the year from the file's modification time (or --year), "
                        + "counting up at each New Year in the log. Timestamps without a zone are read in --timezone.",
                "With --follow the last FILE is followed as the MTA appends, through logrotate (create or "
                        + "copytruncate); Ctrl-C or SIGTERM commits and exits 0. After a restart, name the rotated file "
                        + "before the live one so lines written while ingest was down are read (nothing is read twice).",
                "With --watch-dir the directory's files matching --log-pattern are read oldest rotation first "
                        + "(mail.log-20261130.gz, then mail.log.3.gz, mail.log.2.bz2, mail.log.1, then the live mail.log); "
                        + "with --follow the live log is followed and files that appear later are read. Files read before "
                        + "(under any name, compressed or not) add nothing. An Exchange MessageTracking folder ('MSGTRK*') "
                        + "is read by date, hour and sequence number; with --follow the newest file of each series is "
                        + "followed, and the next one once it appears.",
                "A directory FILE is read with all files beneath it (Exchange: one folder holding each server's "
                        + "MessageTracking folder).",
                "A file in which no line is the MTA's is reported ('no Postfix, Exim or Exchange log lines'); when no FILE had any, "
                        + "ingest exits 1.",
                "The summary shows lines/s only for runs of at least " + IngestSummary.RATE_MIN_LINES_TEXT
                        + " lines: below that, start-up dominates the time.",
                "Exit codes: 0 success, 1 runtime error (unreadable file, not a mail log, store error), 2 bad usage."})
final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    MailtraceCommand parent;

    @Mixin
    DataOption data;

    @Option(names = "--format", paramLabel = "NAME", defaultValue = Formats.AUTO,
            description = "Log format: auto (default: chosen per file from its first lines), postfix, exim or exchange.")
    String format;

    @Option(names = "--host-name", paramLabel = "NAME",
            description = "The host of lines whose log names none (Exim's own main log; default localhost). Give each host's main log its name when several hosts' logs go into one store.")
    String hostName;

    @Option(names = "--year", paramLabel = "YYYY", description = "Year of the first line, for timestamps without a year.")
    Integer year;

    // The initial value is what ${DEFAULT-VALUE} shows: the machine's zone as the JVM sees it.
    @Option(names = "--timezone", paramLabel = "ZONE", description = "Zone of timestamps without one (default: this machine's, ${DEFAULT-VALUE}).")
    String timezone = ZoneId.systemDefault().getId();

    @Option(names = "--accepted-domain", paramLabel = "D", description = "A domain we receive mail for (and its subdomains). Repeatable. Default: inferred from local deliveries.")
    List<String> acceptedDomains = new ArrayList<>();

    @Option(names = "--trusted-network", paramLabel = "CIDR", description = "A network whose clients are 'us' (sending out). Repeatable. Default: loopback.")
    List<String> trustedNetworks = new ArrayList<>();

    @Option(names = "--retry-window", paramLabel = "DURATION", defaultValue = "1d",
            description = "How long (log time) a temporarily refused attempt (greylisting, 4xx) stays Pending waiting for the client's retry before it counts as Failed (default ${DEFAULT-VALUE}).")
    String retryWindow;

    @Option(names = "--max-open-messages", paramLabel = "N", defaultValue = "50000",
            description = "Messages held in memory at once; past it the one opened first is stored as a partial trace (default ${DEFAULT-VALUE}).")
    int maxOpenMessages;

    @Option(names = "--max-open-memory-mb", paramLabel = "MIB", defaultValue = "256",
            description = "The estimated heap the open messages may take; past it the ones opened first are stored as partial traces (default ${DEFAULT-VALUE}).")
    long maxOpenMemoryMb;

    @Option(names = "--max-field-chars", paramLabel = "N", defaultValue = "4096",
            description = "The longest subject, reply or line text kept; longer ones are cut and say so (default ${DEFAULT-VALUE}).")
    int maxFieldChars;

    @Option(names = "--max-lines-per-message", paramLabel = "N", defaultValue = "20000",
            description = "Lines one message may gather in memory before it is stored as a partial trace (default ${DEFAULT-VALUE}).")
    int maxLinesPerMessage;

    @Option(names = "--retention-days", paramLabel = "N", defaultValue = "90",
            description = "Purge traces received more than N days before the newest line read (default ${DEFAULT-VALUE}; 0 keeps everything).")
    int retentionDays;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "Summary as table (default) or json.")
    OutputFormat output;

    @Option(names = "--commit-every", paramLabel = "LINES", defaultValue = "100000", description = "Hand correlated traces to the store every N lines (default ${DEFAULT-VALUE}); a one-shot ingest commits them with its position at most every 10 s, --follow at once.")
    int commitEvery;

    @Option(names = "--follow", description = "Keep reading the last FILE (or the --watch-dir's live log, or each Exchange series' newest file) as it grows and is rotated, until Ctrl-C or SIGTERM.")
    boolean follow;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "200ms",
            description = "With --follow: how often to look for new lines and rotation (default ${DEFAULT-VALUE}).")
    String pollInterval;

    @Option(names = "--commit-interval", paramLabel = "DURATION",
            description = {"With --follow: commit at least this often while lines arrive, so they are searchable (default 1s).",
                    "Without: commit durably at most this often (default 10s); each commit writes the open-message state."})
    String commitInterval;

    @Option(names = "--watch-dir", paramLabel = "DIR",
            description = "Read the log files in DIR that match --log-pattern, oldest rotation first, instead of FILEs; with --follow keep following its live log and read files that appear.")
    Path watchDir;

    @Option(names = "--log-pattern", paramLabel = "GLOB",
            description = "With --watch-dir: file names of the log and its rotations (default '" + LogDirectory.DEFAULT_PATTERN
                    + "': Debian's mail.log or RHEL's maillog; 'MSGTRK*' for Exchange's message tracking logs). Quote it for the shell.")
    String logPattern;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Log files to read in order; - reads standard input; "
            + "a directory is read with every file in it and its subdirectories, in path order (numbers by value).")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (retentionDays < 0) {
            throw new IllegalArgumentException("--retention-days must be 0 or more, was " + retentionDays);
        }
        if (commitEvery < 1) {
            throw new IllegalArgumentException("--commit-every must be at least 1, was " + commitEvery);
        }
        if (year != null && (year < 1970 || year > 9999)) {
            throw new IllegalArgumentException("--year " + year + " is not a plausible year");
        }
        LogDirectory watched = watchedDirectory();
        files = LogFolders.expand(files, follow);
        LineFormat lineFormat = Formats.AUTO.equalsIgnoreCase(format) ? null : Formats.byName(format);
        ZoneId zone = ZoneId.of(timezone);
        CorrelationSettings correlation = new CorrelationSettings(new LinkedHashSet<>(acceptedDomains),
                List.copyOf(trustedNetworks), CorrelationSettings.defaults().idleLimit(),
                Durations.parse("--retry-window", retryWindow))
                .withCaps(maxOpenMessages, maxOpenMemoryMb << 20, maxFieldChars, maxLinesPerMessage);
        IngestSettings settings = new IngestSettings(lineFormat == null ? Formats.AUTO : lineFormat.name(), year, zone, correlation, commitEvery,
                IngestSettings.DEFAULT_MAX_LINE_BYTES, Duration.ofDays(retentionDays), hostName());
        PrintWriter err = spec.commandLine().getErr();
        ProgressListener progress = System.console() != null && output == OutputFormat.table
                ? new TerminalProgress(err) : ProgressListener.NONE;
        long started = System.nanoTime();
        FollowSettings following = null;
        if (follow) {
            following = new FollowSettings(Durations.parse("--poll-interval", pollInterval),
                    Durations.parse("--commit-interval", commitInterval == null ? "1s" : commitInterval),
                    FollowSettings.DEFAULT_ROTATION_GRACE, FollowSettings.DEFAULT_PURGE_EVERY);
            if (watched == null && files.get(files.size() - 1).equals("-")) {
                throw new IllegalArgumentException("--follow needs a log file as the last FILE, not -");
            }
        }
        IngestStats stats;
        try (TraceStore store = data.openForWriting()) {
            IngestPipeline pipeline = new IngestPipeline(store, lineFormat, settings, progress, Clock.systemUTC(), parent.stdin);
            if (org.mailtrace.store.StoreOptions.fromEnvironment(false, System.getenv()).writer() != null) {
                pipeline.joinHopsThroughStore(); // one of several ingest processes: relay hops meet through the store
            }
            if (following == null) {
                if (commitInterval != null) {
                    pipeline.durableCommitInterval(Durations.parse("--commit-interval", commitInterval));
                }
                stats = pipeline.run(watched == null ? files : filesOf(watched, err));
            } else {
                try (StopSignals signals = StopSignals.install(pipeline::stop)) {
                    if (watched == null) {
                        stats = pipeline.follow(files, following);
                    } else {
                        err.println("ingest: watching " + watched.dir() + " for '" + watched.pattern() + "'");
                        err.flush();
                        stats = pipeline.watch(watched, following);
                    }
                }
            }
        }
        if (progress instanceof TerminalProgress t) {
            t.finish();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        IngestSummary.write(spec.commandLine().getOut(), stats, took, output == OutputFormat.json);
        spec.commandLine().getOut().flush();
        String formatName = lineFormat == null ? anyOf(Formats.all().stream().map(f -> titled(f.name())).toList())
                : titled(lineFormat.name());
        if (IngestSummary.reportNotMailLogs(err, stats, formatName) && following == null) {
            err.println("ingest: no FILE had a " + formatName + " log line, so nothing was traced; name the mail log "
                    + "(Debian/Ubuntu: /var/log/mail.log, RHEL: /var/log/maillog) or choose its --format");
            return Main.RUNTIME_ERROR;
        }
        return Main.OK;
    }

    /** "Postfix, Exim or Exchange". */
    static String anyOf(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static String titled(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** The --watch-dir directory, or null when FILEs are given; refuses both or neither. */
    /** The --host-name, checked: it becomes part of every queue ID's namespace and of search by host. */
    private String hostName() {
        if (hostName == null) {
            return null;
        }
        String h = hostName.strip();
        if (h.isEmpty() || !h.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("--host-name '" + hostName
                    + "' is not a host name: use letters, digits, '.', '-' and '_' (e.g. mx1.example.org)");
        }
        return h;
    }

    private LogDirectory watchedDirectory() {
        if (watchDir == null) {
            if (logPattern != null) {
                throw new IllegalArgumentException("--log-pattern needs --watch-dir DIR");
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("give the log FILEs to read, or --watch-dir DIR");
            }
            return null;
        }
        if (!files.isEmpty()) {
            throw new IllegalArgumentException("give FILEs or --watch-dir, not both (" + files.get(0) + " and " + watchDir + ")");
        }
        return LogDirectory.of(watchDir, logPattern == null ? LogDirectory.DEFAULT_PATTERN : logPattern);
    }

    /** Every file to read once, oldest first; a directory in which nothing matches is an error. */
    private static List<String> filesOf(LogDirectory dir, PrintWriter err) throws IOException {
        LogDirectory.Scan scan = dir.scan();
        scan.ignored().forEach((name, why) -> err.println("ingest: " + dir.dir().resolve(name) + ": not read: " + why));
        List<String> out = scan.oldestFirst().stream().map(Path::toString).toList();
        if (out.isEmpty()) {
            throw new NoSuchFileException(dir.dir() + ": no file matches '" + dir.pattern() + "'; check --log-pattern "
                    + "(Debian/Ubuntu 'mail.log*', RHEL 'maillog*', Exchange 'MSGTRK*') or add --follow to wait for the log to appear");
        }
        return out;
    }
}
