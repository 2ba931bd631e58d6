package org.mailtrace.format.postfix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One postfix-grok-patterns test sample: {@code pattern:}, {@code data:} and the {@code results:} map.
 * A reader for exactly the small YAML subset those files use (one scalar per line, double quotes with
 * backslash escapes), so the tests need no YAML library.
 */
record GrokSampleFile(String name, String pattern, String data, Map<String, String> results) {

    static GrokSampleFile read(Path file) throws IOException {
        String pattern = null;
        String data = null;
        Map<String, String> results = new LinkedHashMap<>();
        boolean inResults = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (line.startsWith("pattern:")) {
                pattern = scalar(line.substring("pattern:".length()));
                inResults = false;
            } else if (line.startsWith("data:")) {
                data = scalar(line.substring("data:".length()));
                inResults = false;
            } else if (line.startsWith("results:")) {
                inResults = true;
            } else if (inResults && Character.isWhitespace(line.charAt(0))) {
                int colon = trimmed.indexOf(": ");
                if (colon > 0) {
                    results.put(trimmed.substring(0, colon), scalar(trimmed.substring(colon + 2)));
                } else if (trimmed.endsWith(":")) {
                    results.put(trimmed.substring(0, trimmed.length() - 1), "");
                }
            }
        }
        return new GrokSampleFile(file.getFileName().toString(), pattern, data, results);
    }

    /** The grok pattern name without anchors: {@code POSTFIX_SMTPD}. */
    String patternName() {
        int start = pattern.indexOf("%{");
        int end = pattern.indexOf('}', start);
        return pattern.substring(start + 2, end);
    }

    private static String scalar(String raw) {
        String s = raw.strip();
        if (s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < s.length() - 1; i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length() - 1) {
                    char next = s.charAt(++i);
                    switch (next) {
                        case 'n': sb.append('\n'); break;
                        case 'r': sb.append('\r'); break;
                        case 't': sb.append('\t'); break;
                        default: sb.append(next);
                    }
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
        if (s.startsWith("'") && s.endsWith("'") && s.length() >= 2) {
            return s.substring(1, s.length() - 1).replace("''", "'");
        }
        return s;
    }
}
