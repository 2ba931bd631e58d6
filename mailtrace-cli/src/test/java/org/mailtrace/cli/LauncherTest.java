package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./mailtrace} launcher builds when there is no build and rebuilds when a
 * source file or pom.xml is newer than the jar, makes the class-data archive once per build, picks
 * the JVM options per command, and otherwise starts java at once. It runs here on a copy of the
 * launcher in a miniature checkout whose {@code mvnw}, {@code cds-archive.sh} and {@code java} only
 * record that they ran.
 */
class LauncherTest {
    @TempDir
    Path repo;

    private Path jar;
    private Path source;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void miniatureCheckout() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
        Files.copy(Path.of("../mailtrace"), repo.resolve("mailtrace"));
        // Like Maven, the fake build leaves an existing jar alone when no class changed.
        executable(repo.resolve("mvnw"), "#!/bin/sh\n"
                + "echo build >> builds.txt\n"
                + "[ -f fail-build ] && exit 1\n"
                + "mkdir -p mailtrace-cli/target/lib\n"
                + "[ -f mailtrace-cli/target/mailtrace-cli.jar ] || touch mailtrace-cli/target/mailtrace-cli.jar\n");
        executable(repo.resolve("mailtrace-cli/src/build/cds-archive.sh"), "#!/bin/sh\n"
                + "cd \"$(dirname \"$0\")/../../..\"\n"
                + "echo archive >> archives.txt\n"
                + "[ -f fail-archive ] && { echo 'cds-archive: the dump failed' >&2; exit 1; }\n"
                + "touch \"$3\"\n");
        executable(repo.resolve("bin/java"), "#!/bin/sh\necho \"java $*\"\n");
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(repo.resolve("mailtrace-core/src/main/java"));
        Files.writeString(repo.resolve("mailtrace-core/pom.xml"), "<project/>\n");
        source = Files.writeString(repo.resolve("mailtrace-core/src/main/java/Queue.java"), "class Queue {}\n");
        jar = repo.resolve("mailtrace-cli/target/mailtrace-cli.jar");
        // The checkout is older than any build the tests make.
        FileTime twoHoursAgo = FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS));
        try (var all = Files.walk(repo)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, twoHoursAgo);
            }
        }
    }

    private static void executable(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run launch(String... args) throws Exception {
        return launchWith(null, args);
    }

    /** Runs the launcher with MAILTRACE_JAVA_OPTS set to {@code javaOpts} (null: unset). */
    private Run launchWith(String javaOpts, String... args) throws Exception {
        String[] cmd = new String[args.length + 2];
        cmd[0] = "/bin/bash";
        cmd[1] = repo.resolve("mailtrace").toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PATH", repo.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().remove("MAILTRACE_JAVA_OPTS");
        if (javaOpts != null) {
            pb.environment().put("MAILTRACE_JAVA_OPTS", javaOpts);
        }
        Path out = repo.resolve("launch.out");
        Path err = repo.resolve("launch.err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private long builds() throws IOException {
        return lines("builds.txt");
    }

    private long archives() throws IOException {
        return lines("archives.txt");
    }

    private long lines(String name) throws IOException {
        Path file = repo.resolve(name);
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).size() : 0;
    }

    /** Makes the jar an hour old and {@code file} half an hour old: edited after the last build. */
    private void editedAfterTheBuild(Path file) throws IOException {
        Instant now = Instant.now();
        Files.setLastModifiedTime(jar, FileTime.from(now.minus(60, ChronoUnit.MINUTES)));
        Files.setLastModifiedTime(file, FileTime.from(now.minus(30, ChronoUnit.MINUTES)));
    }

    @Test
    void buildsOnceThenStartsJavaWithoutBuilding() throws Exception {
        Run first = launch("--version");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).contains("mailtrace: no build found, rebuilding");
        assertThat(first.err()).contains("mailtrace: building the class-data archive");
        assertThat(first.out()).contains("-jar " + jar + " --version");
        assertThat(builds()).isEqualTo(1);
        assertThat(archives()).isEqualTo(1);

        Run second = launch("--version");
        assertThat(second.err()).isEmpty();
        assertThat(second.out()).contains("-jar " + jar + " --version");
        assertThat(builds()).isEqualTo(1);
        assertThat(archives()).isEqualTo(1);
    }

    @Test
    void aSourceFileNewerThanTheJarRebuildsAndSaysWhy() throws Exception {
        launch("--version");
        editedAfterTheBuild(source);
        Run run = launch("trace");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("mailtrace: sources changed since the last build "
                + "(mailtrace-core/src/main/java/Queue.java), rebuilding");
        assertThat(builds()).isEqualTo(2);
        // The build left the jar as it was (no class changed): it still counts as up to date now.
        assertThat(launch("trace").err()).isEmpty();
        assertThat(builds()).isEqualTo(2);
    }

    @Test
    void aDeletedSourceFileRebuilds() throws Exception {
        launch("--version");
        Path dir = source.getParent();
        Files.delete(source);
        editedAfterTheBuild(dir); // deleting a file changes its directory's time, as 'git pull' would
        assertThat(launch("--version").err()).contains("sources changed since the last build (mailtrace-core/src/main/java)");
        assertThat(builds()).isEqualTo(2);
    }

    @Test
    void aNewerPomRebuilds() throws Exception {
        launch("--version");
        editedAfterTheBuild(repo.resolve("mailtrace-core/pom.xml"));
        assertThat(launch("--version").err()).contains("sources changed since the last build (mailtrace-core/pom.xml)");
        assertThat(builds()).isEqualTo(2);
    }

    @Test
    void aFailedRebuildStopsWithoutRunningTheStaleJar() throws Exception {
        launch("--version");
        editedAfterTheBuild(source);
        Files.createFile(repo.resolve("fail-build"));
        Run run = launch("--version");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("mailtrace: the build failed");
        assertThat(run.out()).doesNotContain("-jar");
    }

    @Test
    void aRebuildMakesANewArchiveAndAFailedArchiveRunsWithoutOne() throws Exception {
        launch("--version");
        editedAfterTheBuild(source);
        Files.createFile(repo.resolve("fail-archive"));
        Run run = launch("trace");
        assertThat(archives()).isEqualTo(2);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("cds-archive: the dump failed", "running without it");
        // The old archive belongs to the old jar: it is gone, and java runs without one.
        assertThat(run.out()).contains("-jar " + jar + " trace").doesNotContain("SharedArchiveFile");
        // Not tried again for this build: a failing dump must not cost every command ten seconds.
        Run again = launch("trace");
        assertThat(again.err()).isEmpty();
        assertThat(archives()).isEqualTo(2);
    }

    @Test
    void shortCommandsRunOnC1WithTheSerialCollectorAndTheArchive() throws Exception {
        Path archive = repo.resolve("mailtrace-cli/target/mailtrace-cli.jsa");
        for (String command : new String[] {"trace", "detail", "user"}) {
            assertThat(launch(command).out()).as(command).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-XX:SharedArchiveFile=" + archive + " -Xshare:auto -Xlog:cds=off");
        }
    }

    @Test
    void longRunsKeepG1AndTheFullJitAndAOneShotIngestGetsTheThroughputCollector() throws Exception {
        Path small = Files.writeString(repo.resolve("mail.log"), "Nov 27 00:00:01 mx1 postfix/qmgr[1]: x\n");
        String ingest = launch("ingest", "--data", "store", small.toString()).out();
        assertThat(ingest).contains("-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=");
        // Over ~2M lines (a sparse file: its size without the disk) C2's compiling pays off.
        Path big = repo.resolve("big.log");
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(400L * 1024 * 1024);
        }
        assertThat(launch("ingest", "--data", "store", small.toString(), big.toString()).out())
                .contains("-XX:+UseParallelGC").doesNotContain("Tiered");
        assertThat(launch("ingest", "--data", "store", "-").out()).contains("-XX:+UseParallelGC").doesNotContain("Tiered");
        for (String[] args : new String[][] {{"serve"}, {"ingest", "--follow", "mail.log"}}) {
            assertThat(launch(args).out()).as("%s", List.of(args)).doesNotContain("GC", "Tiered").contains("-XX:SharedArchiveFile=");
        }
    }

    @Test
    void javaOptionsFromTheEnvironmentWinPerKind() throws Exception {
        String mine = launchWith("-Xmx1g -XX:+UseG1GC -XX:-TieredCompilation", "trace").out();
        assertThat(mine).contains("java -Xmx1g -XX:+UseG1GC -XX:-TieredCompilation ", "-XX:SharedArchiveFile=")
                .doesNotContain("SerialGC", "TieredStopAtLevel");
        assertThat(launchWith("-Xshare:off", "trace").out()).contains("-Xshare:off", "-XX:+UseSerialGC")
                .doesNotContain("SharedArchiveFile");
    }
}
