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
 * The {@code data} and {@code store} keys of the configuration file named by {@code $MAILTRACE_CONFIG}
 * as the defaults of every command's {@code --data} and {@code --store}, so the installed
 * {@code mailtrace} (whose launcher sets MAILTRACE_CONFIG=/etc/mailtrace/mailtrace.conf) finds the
 * service's store without options.
 *
 * <p>Order, the same for every command as for serve: {@code --data} or {@code --store}, then the
 * file's {@code store} or {@code data} (one of them), then {@code $MAILTRACE_DATA}. The file is read
 * only when a command needs the store and was given neither option, so a config file the user may not
 * read does not break {@code --data DIR} or {@code --version}. serve is left out: it merges the whole
 * file itself ({@link ServeCommand}).
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
        if (file == null || !(arg instanceof OptionSpec option) || arg.command().name().equals("serve")) {
            return null;
        }
        String name = option.longestName();
        if (!name.equals("--data") && !name.equals("--store")) {
            return null;
        }
        // Defaults are asked for after parsing, only for options not given: one of the pair given
        // explicitly means the file is not needed (nor read, so an unreadable one does not matter).
        String other = name.equals("--data") ? "--store" : "--data";
        picocli.CommandLine.ParseResult parsed = arg.command().commandLine().getParseResult();
        if (parsed != null && parsed.hasMatchedOption(other)) {
            return null;
        }
        Map<String, List<String>> keys;
        try {
            keys = ConfigFile.read(file);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new ParameterException(arg.command().commandLine(), ENV + "=" + file + ": " + reason(e)
                    + "; give --data DIR (or --store LOCATION), or run as a user who may read the file (root or mailtrace)");
        }
        if (keys.containsKey("data") && keys.containsKey("store")) {
            throw new ParameterException(arg.command().commandLine(), ENV + "=" + file + ": both 'data' and 'store' are "
                    + "given; keep one (store = lucene:DIR is the same as data = DIR)");
        }
        return one(arg, keys, name.substring(2));
    }

    private String one(ArgSpec arg, Map<String, List<String>> keys, String key) {
        List<String> values = keys.get(key);
        if (values == null) {
            return null;
        }
        if (values.size() > 1) {
            throw new ParameterException(arg.command().commandLine(), ENV + "=" + file + ": '" + key + "' is given "
                    + values.size() + " times; keep one");
        }
        return values.get(0);
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
