package org.mailtrace.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The serve configuration file: one {@code key = value} per line, keys named like the long
 * command-line options without the dashes ({@code listen = 0.0.0.0:8080}); {@code #} starts a
 * comment line; a key that takes several values is repeated ({@code accepted-domain = a.example}
 * then {@code accepted-domain = b.example}). No quoting, no escapes: values are taken verbatim after
 * trimming, so paths and passwords-free settings read the same as on the command line.
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    /** Keys in file order with their values; {@link IllegalArgumentException} names file:line of a bad line. */
    public static Map<String, List<String>> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the configuration file: " + e.getMessage(), e);
        }
        return parse(file.toString(), lines);
    }

    static Map<String, List<String>> parse(String name, List<String> lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": expected 'key = value', got '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!key.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": '" + key + "' is not a key (keys are option names without dashes, e.g. listen)");
            }
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }
}
