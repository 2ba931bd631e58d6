package org.mailtrace.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code mailtrace --version}: the project version and git commit embedded at build time
 * ({@code build.properties}, filtered by Maven), so a stale or hand-copied jar can be told apart.
 */
final class Version implements IVersionProvider {
    static final String RESOURCE = "build.properties";

    @Override
    public String[] getVersion() throws IOException {
        Properties build = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                build.load(in);
            }
        }
        return new String[] {describe(build)};
    }

    /** The project version alone (e.g. {@code 0.1.0}), or "unknown": recorded in backups. */
    static String number() {
        Properties build = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String version = filled(build.getProperty("version"));
        return version == null ? "unknown" : version;
    }

    /**
     * One line such as {@code mailtrace 0.1.0 (commit 1a2b3c4d5e6f)}; a value Maven did not fill in
     * (still {@code ${...}}, or empty) reads as unknown.
     */
    static String describe(Properties build) {
        String version = filled(build.getProperty("version"));
        String commit = filled(build.getProperty("commit"));
        boolean modified = "true".equals(filled(build.getProperty("modified")));
        String commitText = commit == null || !commit.matches("[0-9a-f]{7,40}") ? "commit unknown"
                : "commit " + commit + (modified ? ", with uncommitted changes" : "");
        return "mailtrace " + (version == null ? "(version unknown)" : version) + " (" + commitText + ")";
    }

    private static String filled(String value) {
        return value == null || value.isBlank() || value.contains("${") ? null : value.strip();
    }
}
