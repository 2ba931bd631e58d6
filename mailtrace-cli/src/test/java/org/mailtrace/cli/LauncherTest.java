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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./mailtrace} launcher builds when there is no build and rebuilds when a
 * source file or pom.xml is newer than the jar, and otherwise starts java at once. It runs here on a
 * copy of the launcher in a miniature checkout whose {@code mvnw} and {@code java} only record that
 * they ran.
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
        String[] cmd = new String[args.length + 2];
        cmd[0] = "/bin/bash";
        cmd[1] = repo.resolve("mailtrace").toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PATH", repo.resolve("bin") + ":" + System.getenv("PATH"));
        Path out = repo.resolve("launch.out");
        Path err = repo.resolve("launch.err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private long builds() throws IOException {
        Path builds = repo.resolve("builds.txt");
        return Files.exists(builds) ? Files.readAllLines(builds, StandardCharsets.UTF_8).size() : 0;
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
        assertThat(first.out()).contains("java -jar " + jar + " --version");
        assertThat(builds()).isEqualTo(1);

        Run second = launch("--version");
        assertThat(second.err()).isEmpty();
        assertThat(second.out()).contains("java -jar " + jar + " --version");
        assertThat(builds()).isEqualTo(1);
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
        assertThat(run.out()).doesNotContain("java -jar");
    }
}
