package org.mailtrace.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every case against a real Postfix on loopback, one after the other, and cuts the log into
 * one slice per case by byte offset once the case's queue activity has settled.
 *
 * <p>Everything it starts (local users, peer, filters, the Postfix instance) is stopped and removed
 * again when the run ends, also when a case fails.
 */
final class LiveSuite {

    /** Where the instance writes its log (postlogd); removed after the run. */
    static final Path LOG_DIR = Path.of("/var/log/mailtrace-e2e");

    private LiveSuite() {
    }

    /**
     * Runs {@code cases} in order; the raw log is copied to {@code logCopy} at the end (also after a
     * failure, for diagnosis) before the log directory is removed.
     */
    static LiveRun run(List<E2eCase<CaseContext>> cases, Path logCopy) throws IOException {
        Path base = Files.createTempDirectory("mailtrace-e2e-postfix");
        // Postfix daemons run as the postfix user and must traverse the instance directory.
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path maillog = LOG_DIR.resolve("maillog");
        try (LocalUsers users = LocalUsers.ensure();
             LoopbackSmtpPeer peer = LoopbackSmtpPeer.start(PostfixInstance.PEER_PORT, "peer.remote.test");
             ReinjectingContentFilter queuedAs = ReinjectingContentFilter.start(
                     PostfixInstance.FILTER_QUEUED_AS_PORT, PostfixInstance.REINJECT_PORT,
                     ReinjectingContentFilter.Reply.QUEUED_AS);
             ReinjectingContentFilter opaque = ReinjectingContentFilter.start(
                     PostfixInstance.FILTER_OPAQUE_PORT, PostfixInstance.REINJECT_PORT,
                     ReinjectingContentFilter.Reply.OPAQUE_ID);
             BeforeQueueProxyFilter proxyFilter = BeforeQueueProxyFilter.start(
                     PostfixInstance.PROXY_FILTER_PORT, PostfixInstance.REINJECT_PORT);
             RecipientRefusingMilter milter = RecipientRefusingMilter.start(
                     PostfixInstance.MILTER_PORT, PostfixCases.MILTER_REFUSED);
             PostfixInstance postfix = PostfixInstance.start(base, maillog)) {
            new CaseContext(postfix, 0).settle(java.time.Duration.ofSeconds(30));
            List<CaseRun> runs = new ArrayList<>();
            for (E2eCase<CaseContext> definition : cases) {
                runs.add(runOne(postfix, definition));
            }
            return new LiveRun(runs, postfix.logSlice(0, postfix.logOffset()));
        } finally {
            if (Files.exists(maillog)) {
                Files.copy(maillog, logCopy, StandardCopyOption.REPLACE_EXISTING);
            }
            deleteLogDir();
        }
    }

    private static CaseRun runOne(PostfixInstance postfix, E2eCase<CaseContext> definition) {
        long start = postfix.logOffset();
        Throwable failure = null;
        try {
            definition.body().run(new CaseContext(postfix, start));
        } catch (Exception | AssertionError e) {
            failure = e;
        }
        return new CaseRun(definition, postfix.logSlice(start, postfix.logOffset()), failure);
    }

    private static void deleteLogDir() throws IOException {
        if (Files.isDirectory(LOG_DIR)) {
            try (var files = Files.list(LOG_DIR)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(LOG_DIR);
        }
    }
}
