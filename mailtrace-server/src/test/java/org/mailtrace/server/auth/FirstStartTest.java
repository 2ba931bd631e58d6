package org.mailtrace.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstStartTest {
    @TempDir
    Path dir;

    @Test
    void createsAdminWithThePasswordFromTheEnvironment() {
        JsonFileUserStore users = new JsonFileUserStore(dir.resolve("users.json"));
        Optional<String> printed = FirstStart.ensureAdmin(users, "an admin password from env", Clock.systemUTC());
        assertThat(printed).isEmpty();
        User admin = users.find("admin").orElseThrow();
        assertThat(admin.role()).isEqualTo(Role.OrganizationManagement);
        assertThat(Passwords.matches("an admin password from env", admin.passwordHash())).isTrue();
    }

    @Test
    void generatesARandomPasswordOnceAndNeverAgain() throws Exception {
        Path file = dir.resolve("users.json");
        JsonFileUserStore users = new JsonFileUserStore(file);
        String generated = FirstStart.ensureAdmin(users, null, Clock.systemUTC()).orElseThrow();
        assertThat(generated).hasSize(20);
        assertThat(Passwords.matches(generated, new JsonFileUserStore(file).find("admin").orElseThrow().passwordHash())).isTrue();
        assertThat(FirstStart.ensureAdmin(new JsonFileUserStore(file), null, Clock.systemUTC())).isEmpty();
        assertThat(FirstStart.ensureAdmin(new JsonFileUserStore(file), "other password here", Clock.systemUTC())).isEmpty();
        assertThat(Files.readString(file)).doesNotContain(generated);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
