package org.mailtrace.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external program with a time limit and returns its exit code, stdout and stderr. */
final class Command {

    /** Exit code and what the program printed on stdout and on stderr. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** Both streams, stdout first: for transcripts and error messages. */
        String output() {
            return stderr.isEmpty() ? stdout : stdout + stderr;
        }

        Result requireSuccess() {
            if (exitCode != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": exit " + exitCode + "\n" + output());
            }
            return this;
        }
    }

    private Command() {
    }

    static Result run(List<String> command, Duration timeout) {
        return run(command, timeout, null);
    }

    /** Runs {@code command}; {@code stdin} (may be null) is written to its standard input. Kills it on timeout. */
    static Result run(List<String> command, Duration timeout, String stdin) {
        return run(command, timeout, stdin, Map.of());
    }

    /** As {@link #run(List, Duration, String)}, with {@code environment} added to the inherited environment. */
    static Result run(List<String> command, Duration timeout, String stdin, Map<String, String> environment) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("mailtrace-e2e-cmd", ".out");
            err = Files.createTempFile("mailtrace-e2e-cmd", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(String.join(" ", command) + ": no exit within " + timeout
                        + "\n" + Files.readString(out) + Files.readString(err));
            }
            return new Result(List.copyOf(command), process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + ": cannot run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + ": interrupted", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
