package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.server.PrivateFiles;

/** What the server writes under the data directory is the service account's alone: directories 700, files 600. */
class DataDirectoryPermissionsTest {
    static ApiFixture api;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void reportsSavedAndRecentQueriesAndTheAuditLogAreCreatedPrivate() throws IOException {
        String admin = HttpApi.bearer(api.token("admin"));
        JsonNode r = ReportApiTest.order(api, admin, "{\"type\":\"summary\",\"title\":\"modes\"}");
        ReportApiTest.awaitFinished(api, admin, r.get("id").asText());
        api.http.send("POST", "/api/v1/queries", admin, "{\"name\":\"modes\",\"query\":{\"status\":[\"Failed\"]}}", Map.of());
        api.http.get("/api/v1/traces?limit=1&status=Delivered", admin);

        assertThat(mode(api.dir.resolve("reports"))).isEqualTo("rwx------");
        assertThat(mode(api.dir.resolve("recent"))).isEqualTo("rwx------");
        assertThat(mode(api.dir.resolve("audit"))).isEqualTo("rwx------");
        List<Path> files;
        try (Stream<Path> all = Stream.of(api.dir.resolve("reports"), api.dir.resolve("recent"), api.dir.resolve("audit"))
                .flatMap(d -> list(d))) {
            files = Stream.concat(all, Stream.of(api.dir.resolve("queries.json"), api.dir.resolve("users.json"))).toList();
        }
        assertThat(files).anyMatch(f -> f.toString().endsWith(".csv")).anyMatch(f -> f.toString().endsWith(".json"));
        for (Path f : files) {
            assertThat(mode(f)).as(f.toString()).isEqualTo("rw-------");
        }
    }

    @Test
    void anOpenDataDirectoryIsTightenedAndANewOneCreatedPrivate() throws IOException {
        Path open = Files.createDirectory(tmp.resolve("open"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(PrivateFiles.restrictDataDirectory(open)).isTrue();
        assertThat(mode(open)).isEqualTo("rwx------");
        assertThat(PrivateFiles.restrictDataDirectory(open)).isFalse();
        Path fresh = tmp.resolve("new/data");
        assertThat(PrivateFiles.restrictDataDirectory(fresh)).isFalse();
        assertThat(mode(fresh)).isEqualTo("rwx------");
    }

    private static Stream<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
