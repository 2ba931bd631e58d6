package org.mailtrace.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mailtrace.server.ConfigFile;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code data} key of the configuration file named by {@code $MAILTRACE_CONFIG} as the default of
 * every command's {@code --data}, so the installed {@code mailtrace} (whose launcher sets
 * MAILTRACE_CONFIG=/etc/mailtrace/mailtrace.conf) finds the service's store without options.
 *
 * <p>Order, the same for every command as for serve: {@code --data}, then the file's {@code data},
 * then {@code $MAILTRACE_DATA}. The file is read only when a command needs {@code --data} and was not
 * given it, so a config file the user may not read does not break {@code --data DIR} or
 * {@code --version}. serve is left out: it merges the whole file itself ({@link ServeCommand}).
 */
final class ConfigFileDefaults implements IDefaultValueProvider {
    /** The environment variable naming the configuration file; empty means none. */
    static final String ENV = "MAILTRACE_CONFIG";

    private final Path file;

    private ConfigFileDefaults(Path file) {
        this.file = file;
    }

    /** The file named by a value of {@code $MAILTRACE_CONFIG}; null or blank: no file. */
    static Path fileOf(String envValue) {
        return envValue == null || envValue.isBlank() ? null : Path.of(envValue);
    }

    static ConfigFileDefaults fromEnvironment() {
        return new ConfigFileDefaults(fileOf(System.getenv(ENV)));
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (file == null || !(arg instanceof OptionSpec option) || !option.longestName().equals("--data")
                || arg.command().name().equals("serve")) {
            return null;
        }
        Map<String, List<String>> keys;
        try {
            keys = ConfigFile.read(file);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new ParameterException(arg.command().commandLine(), ENV + "=" + file + ": " + reason(e)
                    + "; give --data DIR, or run as a user who may read the file (root or mailtrace)");
        }
        List<String> data = keys.get("data");
        if (data == null) {
            return null;
        }
        if (data.size() > 1) {
            throw new ParameterException(arg.command().commandLine(), ENV + "=" + file + ": 'data' is given "
                    + data.size() + " times; keep one");
        }
        return data.get(0);
    }

    private static String reason(RuntimeException e) {
        if (e instanceof UncheckedIOException io && io.getCause() instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof UncheckedIOException io && io.getCause() instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage();
    }
}
