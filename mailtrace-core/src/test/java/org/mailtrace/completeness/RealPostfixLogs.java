package org.mailtrace.completeness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every real Postfix log the tests have: the recorded end-to-end cases and the bundled sample of this
 * repository, and all of {@code ../shared/data/postfix/} when that folder is there (public samples
 * written by others; read in place, never copied).
 */
public final class RealPostfixLogs {
    /** One log: a name for messages, and its lines as a file of its own would hold them. */
    public record Log(String name, List<String> lines) {
    }

    private static final Pattern GROK_PATTERN = Pattern.compile("^pattern: \"?\\^%\\{POSTFIX_(\\w+)\\}");
    private static final Pattern GROK_DATA = Pattern.compile("^data: \"(.*)\"\\s*$");

    private RealPostfixLogs() {
    }

    /** The repository's checkout, from the build ({@code mailtrace.project.root}) or the working directory. */
    public static Path projectRoot() {
        String root = System.getProperty("mailtrace.project.root");
        if (root != null && Files.isDirectory(Path.of(root))) {
            return Path.of(root);
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("mailtrace-core")) ? here : here.getParent();
    }

    /** The shared public samples, or null (with the reason on stderr) when they are not beside the checkout. */
    public static Path sharedPostfixData() {
        String base = System.getProperty("mailtrace.shared.data");
        Path dir = base == null ? null : Path.of(base, "postfix");
        if (dir == null || !Files.isDirectory(dir)) {
            System.err.println("search completeness: ../shared/data/postfix not found (" + base
                    + "): only the repository's own logs are checked");
            return null;
        }
        return dir;
    }

    /** The repository's own real logs (always there). */
    public static List<Log> ownLogs() throws IOException {
        List<Log> logs = new ArrayList<>();
        Path root = projectRoot();
        for (Path p : sorted(root.resolve("mailtrace-core/src/test/resources/golden/postfix-e2e"), ".log")) {
            if (!p.getFileName().toString().equals("all-cases.log")) {
                logs.add(new Log("postfix-e2e/" + p.getFileName(), read(p)));
            }
        }
        Path sample = root.resolve("samples/postfix-loopback.log");
        if (Files.isRegularFile(sample)) {
            logs.add(new Log("samples/postfix-loopback.log", read(sample)));
        }
        return logs;
    }

    /** The shared public samples, or an empty list when they are missing. */
    public static List<Log> sharedLogs() throws IOException {
        Path dir = sharedPostfixData();
        List<Log> logs = new ArrayList<>();
        if (dir == null) {
            return logs;
        }
        for (Path p : sorted(dir.resolve("pmg-log-tracker/tests"), "")) {
            if (p.getFileName().toString().startsWith("test_input_")) {
                logs.add(new Log("pmg-log-tracker/" + p.getFileName(), read(p)));
            }
        }
        for (Path p : sorted(dir.resolve("lightmeter"), ".log")) {
            logs.add(new Log("lightmeter/" + p.getFileName(), read(p)));
        }
        for (Path p : sorted(dir.resolve("froide"), ".txt")) {
            logs.add(new Log("froide/" + p.getFileName(), read(p)));
        }
        Path modoboa = dir.resolve("modoboa/mail.log");
        if (Files.isRegularFile(modoboa)) {
            // Upstream it is a template: every line starts with %(day)s, to be replaced by a syslog date.
            logs.add(new Log("modoboa/mail.log", read(modoboa).stream().map(l -> l.replace("%(day)s", "Nov 16")).toList()));
        }
        List<String> grok = new ArrayList<>();
        for (Path p : sorted(dir.resolve("postfix-grok-patterns/test"), ".yaml")) {
            String file = p.getFileName().toString().replace(".yaml", "");
            String program = null;
            for (String l : read(p)) {
                Matcher pattern = GROK_PATTERN.matcher(l);
                if (pattern.find()) {
                    program = programOf(pattern.group(1));
                }
                Matcher m = GROK_DATA.matcher(l);
                if (m.find() && program != null) {
                    // Single messages without a syslog header, unrelated to each other: give each the
                    // header its program writes, on a host of its own so equal queue IDs stay apart.
                    grok.add("Jan  1 00:00:00 " + file + "-" + grok.size() + " postfix/" + program + "[1]: "
                            + m.group(1).replace("\\\"", "\""));
                }
            }
        }
        if (!grok.isEmpty()) {
            logs.add(new Log("postfix-grok-patterns/test/*.yaml", grok));
        }
        return logs;
    }

    /** The daemon that writes what a grok pattern matches (the pattern names a daemon or a part of its lines). */
    private static String programOf(String pattern) {
        return switch (pattern) {
            case "TLS_FEATURES", "DELAYS", "RELAY" -> "smtp";
            case "COMMAND_COUNTER_DATA" -> "smtpd";
            default -> pattern.toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static List<Path> sorted(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static List<String> read(Path p) throws IOException {
        return List.of(new String(Files.readAllBytes(p), StandardCharsets.UTF_8).split("\r?\n", -1));
    }
}
