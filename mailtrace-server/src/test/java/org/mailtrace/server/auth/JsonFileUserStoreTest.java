package org.mailtrace.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileUserStoreTest {
    @TempDir
    Path dir;

    private static User user(String name) {
        return new User(name, Role.HelpDesk, Set.of("Example.ORG"), "hash", List.of(new ApiToken("id1", "l", "abc", Instant.EPOCH)), Instant.EPOCH);
    }

    @Test
    void changesSurviveReopeningAndLeaveNoTemporaryFile() {
        Path file = dir.resolve("users.json");
        JsonFileUserStore s = new JsonFileUserStore(file);
        s.create(user("Alice"));
        s.update(s.find("alice").orElseThrow().withRole(Role.ViewOnly));
        JsonFileUserStore reopened = new JsonFileUserStore(file);
        User alice = reopened.find("ALICE").orElseThrow();
        assertThat(alice.role()).isEqualTo(Role.ViewOnly);
        assertThat(alice.domains()).containsExactly("example.org");
        assertThat(reopened.findByTokenHash("abc")).map(o -> o.user().name()).contains("alice");
        assertThat(Files.exists(dir.resolve("users.json.tmp"))).isFalse();
        assertThat(reopened.delete("alice")).isTrue();
        assertThat(new JsonFileUserStore(file).list()).isEmpty();
    }

    @Test
    void refusesDuplicateNamesAndHostileNames() {
        JsonFileUserStore s = new JsonFileUserStore(dir.resolve("users.json"));
        s.create(user("bob"));
        assertThatThrownBy(() -> s.create(user("BOB"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> user("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> user("a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rolesParseFromM365NamesEnumNamesAndSlugs() {
        assertThat(Role.parse("Organization Management")).isEqualTo(Role.OrganizationManagement);
        assertThat(Role.parse("helpdesk")).isEqualTo(Role.HelpDesk);
        assertThat(Role.parse("view-only")).isEqualTo(Role.ViewOnly);
        assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("Compliance Management");
    }
}
