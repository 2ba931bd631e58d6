package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mailtrace.server.ConfigFile;
import org.mailtrace.server.ServerConfig;

/** The configuration file the packages install (src/dist/etc/mailtrace.conf) documents every serve key with its default, and starts as shipped. */
class PackagedConfigTest {
    static final Path CONF = Path.of("src/dist/etc/mailtrace.conf");
    static final Pattern KEY_LINE = Pattern.compile("^#?([a-z][a-z0-9-]*) =", Pattern.MULTILINE);

    @Test
    void everyServeKeyIsInThePackagedFileWithItsDefault() throws Exception {
        String text = Files.readString(CONF);
        Set<String> documented = new TreeSet<>();
        Matcher m = KEY_LINE.matcher(text);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented).isEqualTo(new TreeSet<>(ServerConfig.KEYS.keySet()));
        List<String> lines = text.lines().toList();
        ServerConfig.KEYS.forEach((key, defaultValue) -> {
            if (defaultValue != null) {
                assertThat(lines).as(key).containsAnyOf("#" + key + " = " + defaultValue, key + " = " + defaultValue);
            }
        });
    }

    @Test
    void thePackagedSettingsAreAValidServeConfiguration() {
        Map<String, List<String>> keys = ConfigFile.read(CONF);
        assertThat(keys).containsOnlyKeys("data", "listen");
        ServerConfig cfg = ServerConfig.parse(keys);
        assertThat(cfg.data()).isEqualTo(Path.of("/var/lib/mailtrace"));
        assertThat(cfg.listen().host()).isEqualTo("127.0.0.1");
        assertThat(cfg.hasLiveSources()).isFalse();
    }
}
