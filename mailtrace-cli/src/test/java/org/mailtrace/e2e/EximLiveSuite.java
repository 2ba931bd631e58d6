package org.mailtrace.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every Exim case against a real Exim on loopback, one after the other, and cuts the main log
 * into one slice per case by byte offset once the case's queue activity has settled.
 *
 * <p>Everything it starts (local users, the Exim user, the peer, the Exim daemon) is stopped and
 * removed again when the run ends, also when a case fails.
 */
final class EximLiveSuite {

    private EximLiveSuite() {
    }

    /**
     * Runs {@code cases} in order with {@code selector}'s log_selector; the main log is copied to
     * {@code logCopy} at the end, also after a failure.
     */
    static LiveRun run(List<E2eCase<EximCaseContext>> cases, EximLogSelector selector, Path logCopy)
            throws IOException {
        Path base = Files.createTempDirectory("mailtrace-e2e-exim");
        try (LocalUsers users = LocalUsers.ensure(LocalUsers.NAMES, List.of(EximInstance.EXIM_USER));
             LoopbackSmtpPeer peer = LoopbackSmtpPeer.start(selector.peerPort(), "peer.remote.test");
             EximInstance exim = EximInstance.start(base, selector, logCopy)) {
            new EximCaseContext(exim, 0).settle(Duration.ofSeconds(30));
            List<CaseRun> runs = new ArrayList<>();
            for (E2eCase<EximCaseContext> definition : cases) {
                runs.add(runOne(exim, definition));
            }
            return new LiveRun(runs, exim.mainlog().slice(0, exim.mainlog().offset()));
        } finally {
            Files.deleteIfExists(base); // left empty when the users or the peer could not be set up
        }
    }

    private static CaseRun runOne(EximInstance exim, E2eCase<EximCaseContext> definition) {
        GrowingLog log = exim.mainlog();
        long start = log.offset();
        Throwable failure = null;
        try {
            definition.body().run(new EximCaseContext(exim, start));
        } catch (Exception | AssertionError e) {
            failure = e;
        }
        return new CaseRun(definition, log.slice(start, log.offset()), failure);
    }
}
