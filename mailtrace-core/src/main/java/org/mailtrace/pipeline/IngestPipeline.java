package org.mailtrace.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.mailtrace.correlate.Correlator;
import org.mailtrace.correlate.TraceChanges;
import org.mailtrace.event.MailEvent;
import org.mailtrace.format.LineFormat;
import org.mailtrace.format.ParseResult;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.source.Compression;
import org.mailtrace.source.ContentHead;
import org.mailtrace.source.FileLineSource;
import org.mailtrace.source.LineSource;
import org.mailtrace.source.RawLine;
import org.mailtrace.source.SourceLine;
import org.mailtrace.source.StreamLineSource;
import org.mailtrace.source.YearResolver;
import org.mailtrace.store.IngestCheckpoint;
import org.mailtrace.store.SourcePosition;
import org.mailtrace.store.TraceStore;

/**
 * Source -> framing -> format -> correlator -> store, for files and standard input, once
 * ({@link #run}) or following a live log ({@link #follow}).
 *
 * <p>Crash safety: the position of each file (keyed by its content identity, not its name, so a
 * renamed or compressed rotation is recognised) and the correlator's whole open-message state are
 * committed in ONE store commit together with the traces changed since the previous commit. A new run
 * restores both and continues after the last committed line. That is the same as "re-read from the
 * oldest position any open message still needs": what those older lines contributed is inside the
 * restored state, so it need not be read again. A crash (even {@code kill -9}) between or during
 * commits therefore loses nothing and doubles nothing: the store holds exactly the last commit, and
 * the lines after it are read again into exactly the state they were read into the first time.
 *
 * <p>Threads: {@link #run} and {@link #follow} run on the caller's thread; {@link #stop} may be called
 * from any thread (a signal handler). Store writes (ingest commits and the background retention
 * purge) are serialised by one lock.
 */
public final class IngestPipeline {
    private final TraceStore store;
    /** The format of every source, or null to detect each source's from its first lines. */
    private final LineFormat format;
    private final List<LineFormat> knownFormats;
    private final IngestSettings settings;
    private final ProgressListener progress;
    private final Clock clock;
    private final InputStream stdin;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IngestPipeline.class);

    private volatile Correlator correlator;
    private final Map<String, SourcePosition> positions = new HashMap<>();
    private final IngestStats stats = new IngestStats();
    private final Lock storeWrites = new ReentrantLock();
    private final RetentionPurge purge;
    private volatile Instant newestLine;
    private long sinceCommit;
    private long lastCommitNanos = System.nanoTime();
    private volatile java.util.function.Consumer<TraceChanges> commitListener;
    /** Joins hops with other ingest processes through the store, or null (one process reads every host). */
    private StoreHopJoin hopJoin;

    /**
     * @param format the format of every input, or null to detect each input's format from its first
     *               lines among {@link org.mailtrace.format.Formats#all()}
     */
    public IngestPipeline(TraceStore store, LineFormat format, IngestSettings settings, ProgressListener progress,
                          Clock clock, InputStream stdin) {
        this.store = store;
        this.format = format;
        this.knownFormats = format == null ? org.mailtrace.format.Formats.all() : List.of(format);
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
        this.stdin = stdin;
        this.purge = new RetentionPurge(store, storeWrites, settings.retention(), clock, () -> newestLine);
    }

    /**
     * Joins messages that cross from a host this process reads to one another process reads (or
     * back) through the store's {@link org.mailtrace.store.HopDirectory}: for several ingest
     * processes writing one store, one per MTA host. Call before {@link #run}, {@link #follow},
     * {@link #watch} or {@link #live}. Without it (the default) hops join only inside this process.
     *
     * @throws IllegalStateException when the store offers no hop directory
     */
    public void joinHopsThroughStore() {
        this.hopJoin = new StoreHopJoin(store.hopDirectory().orElseThrow(() -> new IllegalStateException(
                store + ": this store cannot join hops between ingest processes; use one ingest process for every host")));
    }

    /**
     * Reads every input in order ({@code -} is standard input) and commits the result. The retention
     * purge runs first (finishing one a crash interrupted) and again at the end.
     *
     * @throws IOException when an input cannot be opened or read; what was committed before stays
     */
    public IngestStats run(List<String> inputs) throws IOException {
        restore();
        purge.runOnce();
        staging = true;
        for (String input : inputs) {
            readOnce(input);
        }
        staging = false;
        commit(null);
        commitRechecks();
        purge.runOnce();
        stats.tracesPurged = purge.purged();
        return stats;
    }

    /**
     * Reads every input but the last to its end, then follows the last one (a plain file) as it grows
     * and rotates, committing at least every {@link FollowSettings#commitInterval()}, until {@link #stop}
     * is called. The retention purge runs at start and then periodically on a background thread.
     *
     * @throws IOException when an input cannot be opened or read; what was committed before stays
     */
    public IngestStats follow(List<String> inputs, FollowSettings follow) throws IOException {
        if (inputs.isEmpty() || inputs.get(inputs.size() - 1).equals("-")) {
            throw new IllegalArgumentException("--follow needs a log file as the last FILE (not -)");
        }
        return following(follow, () -> {
            for (String input : inputs.subList(0, inputs.size() - 1)) {
                readOnce(input);
            }
            Path live = Path.of(inputs.get(inputs.size() - 1));
            requireExists(live);
            new FollowLoop(this, live, follow).run();
        });
    }

    /**
     * Watches a log directory until {@link #stop}: reads its rotated files oldest first, follows its
     * live log through rotations, and reads files that appear in it later (see {@link DirectoryWatch}).
     * A directory in which nothing matches yet is watched until something does.
     *
     * @throws IOException when the directory, or a rotated file at the start, cannot be read
     */
    public IngestStats watch(org.mailtrace.source.LogDirectory dir, FollowSettings follow) throws IOException {
        return following(follow, () -> new DirectoryWatch(this, dir, follow).run());
    }

    private interface FollowBody {
        void run() throws IOException;
    }

    /** Restores, runs {@code body} with the periodic purge in the background, commits; for follow and watch. */
    private IngestStats following(FollowSettings follow, FollowBody body) throws IOException {
        restore();
        var purger = purge.enabled() ? purge.startPeriodic(follow.purgeEvery()) : null;
        try {
            body.run();
            commit(newestLine);
            commitRechecks();
        } finally {
            if (purger != null) {
                purger.shutdown(); // lets a running purge finish its commit; never interrupts it
                try {
                    purger.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        stats.tracesPurged = purge.purged();
        return stats;
    }

    /**
     * Live ingest for {@code serve}: follows every given file (appends and rotations, resuming from
     * saved positions) and takes every line the syslog listeners put in {@code syslog}, all on this
     * thread through one correlator, committing at least every {@link FollowSettings#commitInterval()}
     * while lines arrive, until {@link #stop}. Syslog lines have no position to resume from: a line
     * received but not yet committed when the process dies is lost (senders do not re-send).
     */
    public IngestStats live(List<Path> followed, org.mailtrace.source.syslog.SyslogQueue syslog, FollowSettings follow)
            throws IOException {
        return live(followed, List.of(), syslog, follow);
    }

    /**
     * As {@link #live(List, org.mailtrace.source.syslog.SyslogQueue, FollowSettings)}, also watching
     * log directories ({@link #watch}) on the same thread.
     */
    public IngestStats live(List<Path> followed, List<org.mailtrace.source.LogDirectory> watched,
                            org.mailtrace.source.syslog.SyslogQueue syslog, FollowSettings follow) throws IOException {
        restore();
        var purger = purge.enabled() ? purge.startPeriodic(follow.purgeEvery()) : null;
        List<FollowLoop> loops = new java.util.ArrayList<>();
        List<DirectoryWatch> watches = new java.util.ArrayList<>();
        LineInterpreter syslogLines = interpreter("syslog", org.mailtrace.source.YearResolver.near(clock.instant(), settings.zone()));
        List<org.mailtrace.source.syslog.ReceivedLine> batch = new java.util.ArrayList<>();
        try {
            for (Path p : followed) {
                requireExists(p);
                FollowLoop loop = new FollowLoop(this, p, follow);
                loop.open();
                loops.add(loop);
            }
            for (org.mailtrace.source.LogDirectory dir : watched) {
                DirectoryWatch watch = new DirectoryWatch(this, dir, follow);
                watches.add(watch);
                watch.open();
            }
            while (!stopRequested) {
                boolean any = false;
                for (FollowLoop loop : loops) {
                    any |= loop.step();
                }
                for (DirectoryWatch watch : watches) {
                    any |= watch.step();
                }
                if (syslog != null) {
                    batch.clear();
                    syslog.drainTo(batch, 10_000);
                    for (org.mailtrace.source.syslog.ReceivedLine r : batch) {
                        consume(syslogLines, r.where(), null, r.toSourceLine());
                    }
                    inputPaused(syslogLines);
                    any |= !batch.isEmpty();
                }
                if (any) {
                    commitIfDue(follow.commitInterval());
                } else if (!commitIfDue(follow.quietCommitGap())) {
                    pause(Math.min(follow.pollInterval().toMillis(), 100));
                }
            }
            commit(newestLine);
            commitRechecks();
        } finally {
            for (FollowLoop loop : loops) {
                loop.close();
            }
            for (DirectoryWatch watch : watches) {
                watch.close();
            }
            if (purger != null) {
                purger.shutdown();
                try {
                    purger.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        stats.tracesPurged = purge.purged();
        return stats;
    }

    /** Called after every successful commit with what it stored (for live views and metrics); on the ingest thread. */
    public void onCommit(java.util.function.Consumer<TraceChanges> listener) {
        this.commitListener = listener;
    }

    /** Open messages held by the correlator now (0 before the run starts). */
    public int openMessages() {
        Correlator c = correlator;
        return c == null ? 0 : c.openMessages();
    }

    /** The newest log time read so far, or null. */
    public Instant newestLine() {
        return newestLine;
    }

    /** Asks a running {@link #follow} or {@link #live} to commit and return; safe from any thread, returns at once. */
    public void stop() {
        stopRequested = true;
        synchronized (stopSignal) {
            stopSignal.notifyAll();
        }
    }

    private volatile boolean stopRequested;
    private final Object stopSignal = new Object();

    boolean stopRequested() {
        return stopRequested;
    }

    /** Whether the store was told that ingest {@link TraceStore#caughtUp caught up}. */
    private boolean caughtUpTold;

    /**
     * Sleeps up to {@code millis}, waking early when {@link #stop} is called. Only the live loops
     * pause, and only when every source had nothing new: the first pause tells the store that ingest
     * caught up.
     */
    void pause(long millis) {
        if (!caughtUpTold) {
            caughtUpTold = true;
            store.caughtUp();
        }
        synchronized (stopSignal) {
            if (stopRequested || millis <= 0) {
                return;
            }
            try {
                stopSignal.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopRequested = true;
            }
        }
    }

    private void restore() {
        IngestCheckpoint checkpoint = store.checkpoint();
        positions.putAll(checkpoint.positions());
        // Every format's rules, not only this run's: the saved state may hold parts an earlier run
        // read with another format, whose replay asks that format.
        List<org.mailtrace.correlate.CorrelationRules> rules = org.mailtrace.format.Formats.allRules();
        if (checkpoint.correlatorState() == null) {
            correlator = new Correlator(settings.correlation(), rules);
        } else {
            try (InputStream saved = checkpoint.correlatorState().open()) {
                correlator = Correlator.restore(settings.correlation(), rules, saved);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read the saved correlator state: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                // A snapshot of a newer or unknown version, or unreadable: a runtime failure of the store, not bad usage.
                throw new org.mailtrace.store.StoreException(store + ": " + e.getMessage(), e);
            }
        }
        if (hopJoin != null) {
            correlator.recordHops();
        }
        probesBefore = correlator.addressProbes() - stats.addressProbes;
        // Evictions while restoring (a state saved with larger caps) belong to this run.
        evictedBefore = correlator.evictedByCap() - correlator.evictedWhenRestored() - stats.evictedByCap;
        cutBefore = correlator.eventsCut() - stats.eventsCut;
    }

    /** The correlator's cap counts (kept across restores) before this run, likewise. */
    private long evictedBefore;
    private long cutBefore;

    /** The correlator's probe count (kept across restores) before this run: the run counts only its own. */
    private long probesBefore;

    private void readOnce(String input) throws IOException {
        if (input.equals("-")) {
            try (LineSource src = new StreamLineSource("-", stdin, settings.maxLineBytes())) {
                stats.sourceNotes.put("-", "standard input: read in full (not resumable)");
                read(src, null, YearResolverFactory.forStream(settings, clock), true);
            }
        } else {
            ingestFile(Path.of(input));
        }
    }

    private static void requireExists(Path path) throws NoSuchFileException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path + ": no such file; check the path (Debian/Ubuntu Postfix logs to /var/log/mail.log)");
        }
    }

    /** Reads {@code path} from its saved position (found by content identity) to its end, and commits. */
    void ingestFile(Path path) throws IOException {
        requireExists(path);
        SourcePosition saved = findSaved(path);
        long offset = 0;
        long line = 0;
        String identity = null;
        if (saved != null) {
            offset = saved.offset();
            line = saved.lineNumber();
            identity = saved.identity();
            // Keep the position (under this file's name): a file with nothing new consumes no line,
            // and dropping it here made the next run read the whole file again.
            positions.put(identity, new SourcePosition(path.toString(), identity, offset, line));
            if (Compression.of(path) == Compression.NONE && Files.size(path) == offset) {
                // Nothing new: neither opened nor committed. A restart over a month of Exchange logs
                // (thousands of complete files) otherwise made one store commit per file.
                noteStart(path, saved, offset);
                stats.sourceRead(path.toString(), 0, 0, false);
                return;
            }
        }
        try (FileLineSource src = FileLineSource.open(path, offset, line, settings.maxLineBytes())) {
            String id = identity != null ? identity : src.identity();
            // A compressed file's decompressed size is known only once it is read: its note waits for that.
            boolean sizeKnown = src.sizeHint() >= 0;
            if (sizeKnown || saved == null) {
                noteStart(path, saved, src.sizeHint());
            }
            long readBefore = stats.read;
            read(src, id, YearResolverFactory.forFile(settings, path), saved == null);
            if (!sizeKnown && saved != null) {
                noteStart(path, saved, stats.read == readBefore ? saved.offset() : -1);
            }
        }
    }

    void noteStart(Path path, SourcePosition saved, long size) {
        String note;
        if (saved == null) {
            note = "read from the start";
        } else if (size >= 0 && saved.offset() >= size) {
            note = "already ingested up to line " + saved.lineNumber() + "; nothing new";
        } else {
            note = "resumed after line " + saved.lineNumber() + " (ingested before as " + saved.source() + ")";
        }
        stats.sourceNotes.merge(path.toString(), note, (a, b) -> a + "; then " + b);
    }

    /** The saved position whose identity matches this file's content, preferring the same name. */
    SourcePosition findSaved(Path path) throws IOException {
        SourcePosition match = null;
        ContentHead head = new ContentHead(path); // one read of the head for all positions
        for (SourcePosition p : positions.values()) {
            if (head.matches(p.identity())) {
                if (match == null || p.source().equals(path.toString())) {
                    match = p;
                }
            }
        }
        return match;
    }

    private void read(LineSource src, String identity, YearResolver years, boolean fromStart) throws IOException {
        LineInterpreter interpreter = interpreter(src.name(), years);
        long readBefore = stats.read;
        long mtaBefore = stats.mtaLines;
        SourceLine line;
        long lastProgress = 0;
        long bytesDone = 0;
        while ((line = src.next()) != null) {
            bytesDone = line.endOffset();
            consume(interpreter, src.name(), identity, line);
            if ((stats.read & 0x3fff) == 0 && stats.read - lastProgress >= 16384) {
                lastProgress = stats.read;
                progress.progress(src.name(), bytesDone, src.sizeHint(), stats.read);
            }
        }
        inputPaused(interpreter);
        interpreter.finish();
        stats.bytes += bytesDone;
        stats.sourceRead(src.name(), stats.read - readBefore, stats.mtaLines - mtaBefore, fromStart);
        progress.progress(src.name(), bytesDone, src.sizeHint(), stats.read);
        commit(newestLine);
    }

    LineInterpreter interpreter(String sourceName, YearResolver years) {
        return new LineInterpreter(format, knownFormats, sourceName, settings.zone(), years, stats, settings.maxLineBytes(),
                settings.hostName());
    }

    /**
     * Takes one line through framing, parsing and correlation, records its position, commits every N
     * lines. While the source's format is still being detected the line is held, and read with the
     * others once the format is chosen.
     */
    void consume(LineInterpreter interpreter, String sourceName, String identity, SourceLine line) {
        if (!interpreter.decided()) {
            for (LineInterpreter.Held h : interpreter.hold(sourceName, identity, line)) {
                read(interpreter, h.sourceName(), h.identity(), h.line());
            }
            return;
        }
        read(interpreter, sourceName, identity, line);
    }

    /** The source has no more lines for now: lines held for format detection are read with what they show. */
    void inputPaused(LineInterpreter interpreter) {
        for (LineInterpreter.Held h : interpreter.release()) {
            read(interpreter, h.sourceName(), h.identity(), h.line());
        }
    }

    private void read(LineInterpreter interpreter, String sourceName, String identity, SourceLine line) {
        stats.read++;
        RawLine raw = interpreter.frame(sourceName, line);
        if (raw != null) {
            if (newestLine == null || raw.time().isAfter(newestLine)) {
                newestLine = raw.time();
            }
            ParseResult result = interpreter.parse(raw, line);
            if (result instanceof ParseResult.Parsed parsed) {
                List<MailEvent> events = parsed.events();
                for (int i = 0; i < events.size(); i++) { // indexed: no iterator per line
                    correlator.accept(events.get(i), interpreter.rules());
                }
            }
        }
        if (identity != null) {
            positions.put(identity, new SourcePosition(sourceName, identity, line.endOffset(), line.lineNumber()));
        }
        if (++sinceCommit >= settings.commitEveryLines()
                || staging && correlator.evictedWaiting() >= EVICTED_HANDOFF) {
            drainOrCommit(newestLine);
        }
    }

    /** Moves a followed file's position to its refreshed identity (it grows with the file's first bytes). */
    void rekey(String oldIdentity, String newIdentity) {
        if (oldIdentity != null && !oldIdentity.equals(newIdentity)) {
            SourcePosition p = positions.remove(oldIdentity);
            if (p != null && newIdentity != null) {
                positions.put(newIdentity, new SourcePosition(p.source(), newIdentity, p.offset(), p.lineNumber()));
            }
        }
    }

    void countBytes(long n) {
        stats.bytes += n;
    }

    void progress(String source, long bytesDone, long bytesTotal) {
        progress.progress(source, bytesDone, bytesTotal, stats.read);
    }

    IngestSettings settings() {
        return settings;
    }

    /** The run's counters so far; read from other threads for metrics (values may lag slightly). */
    public IngestStats stats() {
        return stats;
    }

    /** Commits when lines arrived and the last commit is older than {@code interval}; true when it committed. */
    boolean commitIfDue(java.time.Duration interval) {
        if (sinceCommit > 0 && System.nanoTime() - lastCommitNanos >= interval.toNanos()) {
            commit(newestLine);
            return true;
        }
        return false;
    }

    /** True when the last line consumed triggered a commit (every N lines). */
    boolean committedLast() {
        return sinceCommit == 0;
    }

    // Commit cadence: the correlator is drained every commitEveryLines lines (drain points are
    // line-based, so results do not depend on which drains became commits). A one-shot run stages
    // drained traces and commits durably (state file + Lucene commit) at most every
    // DURABLE_COMMIT_INTERVAL of wall time (and at most every ten times its own cost), because each
    // commit writes the whole correlator state; Lucene's part of those commits runs in the background.
    // Follow and live runs commit at every drain instead: staged traces are not searchable until a
    // commit, and the background retention purge must never meet staged changes.
    static final java.time.Duration DEFAULT_DURABLE_COMMIT_INTERVAL = java.time.Duration.ofSeconds(10);
    private long durableCommitIntervalNanos = DEFAULT_DURABLE_COMMIT_INTERVAL.toNanos();
    private long lastDurableCommit = System.nanoTime();
    /**
     * A batch run hands evicted traces to the store once this many wait, not only every
     * commitEveryLines lines: at ten million messages a day, 100,000 lines of evicted traces held
     * on to were a third of the heap's live set.
     */
    static final int EVICTED_HANDOFF = 2000;
    /** Time the reading thread spent on the last durable commit (drain, state file, and a synchronous commit's flush). */
    private long lastDurableCommitCost;
    private boolean staging;

    /** For {@link #run}: commit durably at most this often (default 10 s); shorter means less re-reading after a crash. */
    public void durableCommitInterval(java.time.Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("commit interval must not be negative: " + interval);
        }
        durableCommitIntervalNanos = interval.toNanos();
    }

    private void drainOrCommit(Instant logNow) {
        if (!staging) {
            commit(logNow);
            return;
        }
        long now = System.nanoTime();
        // Writing the correlator state costs the reading thread time in proportion to the messages in
        // memory; committing no more often than ten times that cost keeps it under a tenth of the run.
        long interval = Math.max(durableCommitIntervalNanos, 10 * lastDurableCommitCost);
        if (now - lastDurableCommit >= interval) {
            // A commit listener is told once its traces are durable, so only a run without one
            // lets Lucene's part of the commit finish in the background.
            commit(logNow, commitListener == null);
            return;
        }
        TraceChanges changes = drain(logNow, false).plain();
        store.stage(changes.upserted(), changes.deleted());
    }

    private void commit(Instant logNow) {
        commit(logNow, false);
    }

    /**
     * The hop records of the last commit get their second look-up, now that the commit made them
     * visible to other processes, and what it joins is committed too.
     */
    private void commitRechecks() {
        if (hopJoin != null && hopJoin.hasRecheck()) {
            store.awaitCommits();
            commit(null); // no log time: forgets nothing more than the commit before it
        }
    }

    private void commit(Instant logNow, boolean inBackground) {
        long started = System.nanoTime();
        StoreHopJoin.Joined drained = drain(logNow, true);
        TraceChanges changes = drained.all();
        TraceChanges plain = drained.plain();
        IngestCheckpoint checkpoint = new IngestCheckpoint(positions, correlator::writeSnapshot);
        storeWrites.lock();
        try {
            if (inBackground) {
                store.commitInBackground(plain.upserted(), plain.deleted(), checkpoint);
            } else {
                store.commit(plain.upserted(), plain.deleted(), checkpoint);
            }
        } finally {
            storeWrites.unlock();
        }
        if (hopJoin != null) {
            hopJoin.committed();
        }
        lastDurableCommit = System.nanoTime();
        lastDurableCommitCost = lastDurableCommit - started;
        lastCommitNanos = lastDurableCommit;
        java.util.function.Consumer<TraceChanges> listener = commitListener;
        if (listener != null) {
            try {
                listener.accept(changes);
            } catch (RuntimeException e) {
                LOG.warn("commit listener failed after committing {} traces: {}", changes.upserted().size(), e.toString());
            }
        }
    }

    /**
     * @param everything false between durable commits of a batch run: only the traces that left memory
     *                   are handed on (open ones may still change, and nobody sees them before the commit)
     * @return what changed, and what of it the store's ordinary writes carry (joined traces went
     *         through the hop directory)
     */
    private StoreHopJoin.Joined drain(Instant logNow, boolean everything) {
        if (logNow != null) {
            correlator.closeIdle(logNow);
        }
        TraceChanges drained = everything ? correlator.drainChanges() : correlator.drainEvicted();
        StoreHopJoin.Joined joined = hopJoin != null ? hopJoin.apply(correlator, drained) : StoreHopJoin.Joined.none(drained);
        TraceChanges changes = joined.all();
        stats.addressProbes = correlator.addressProbes() - probesBefore;
        stats.evictedByCap = correlator.evictedByCap() - evictedBefore;
        stats.eventsCut = correlator.eventsCut() - cutBefore;
        for (MessageTrace t : changes.upserted()) {
            stats.written(t.messageTraceId(), Math.max(1, t.recipients().size()));
        }
        for (String id : changes.deleted()) {
            stats.deleted(id);
        }
        sinceCommit = 0;
        return joined;
    }
}
