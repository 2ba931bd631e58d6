package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup and restore in-process over a data directory written by ingest and user add. */
class BackupAndRestoreTest {
    static final Path LOG = Path.of("../mailtrace-core/src/test/resources/golden/postfix-e2e/all-cases.log");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path data;

    @BeforeEach
    void dataDirectory() throws Exception {
        data = tmp.resolve("data");
        assertThat(CliRun.of("ingest", "--data", data.toString(), "--accepted-domain", "example.test",
                "--retention-days", "0", LOG.toString()).exit()).isZero();
        assertThat(CliRun.withStdin(new ByteArrayInputStream("a long enough password\n".getBytes(StandardCharsets.UTF_8)),
                "user", "add", "--data", data.toString(), "alice", "--role", "help-desk").exit()).isZero();
        Files.writeString(data.resolve("queries.json"), "[]");
        Files.createDirectories(data.resolve("audit"));
        // The last line is being appended: not part of the backup.
        Files.writeString(data.resolve("audit").resolve("audit.jsonl"), "{\"seq\":1}\n{\"seq\":2}\n{\"seq\":3,\"act");
        Files.createDirectories(data.resolve("reports"));
        Files.writeString(data.resolve("reports").resolve("r1.json"), "{\"id\":\"r1\"}");
        Files.writeString(data.resolve("reports").resolve("r1.csv"), "a,b\n");
        Files.writeString(data.resolve("reports").resolve("r2.csv.part"), "half");
    }

    @Test
    void restoredDirectoryHoldsTheSameRowsAccountsQueriesReportsAndCompleteAuditLines() throws Exception {
        Path file = tmp.resolve("backups").resolve("b.zip");
        CliRun backup = CliRun.of("backup", "--data", data.toString(), "--to", file.toString(), "--output", "json");
        assertThat(backup.exit()).as(backup.err()).isZero();
        JsonNode b = JSON.readTree(backup.out());
        assertThat(b.get("accounts").asInt()).isEqualTo(1);
        assertThat(b.get("auditLines").asLong()).isEqualTo(2);
        assertThat(b.get("storeFormat").asInt()).isEqualTo(2);
        assertThat(b.get("checkpoint").fieldNames()).toIterable().isNotEmpty();
        assertThat(Files.list(file.getParent())).as("no staging left behind").containsExactly(file);

        Path restored = tmp.resolve("restored");
        CliRun restore = CliRun.of("restore", "--from", file.toString(), "--data", restored.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("restored " + file).contains("all checksums verified")
                .contains("1 account(s), saved queries, 1 report(s), 2 audit line(s)");
        assertThat(rows(restored)).isEqualTo(rows(data));
        assertThat(rows(restored).size()).isPositive();
        assertThat(CliRun.of("user", "list", "--data", restored.toString()).out()).contains("alice");
        assertThat(Files.readString(restored.resolve("audit").resolve("audit.jsonl"))).isEqualTo("{\"seq\":1}\n{\"seq\":2}\n");
        assertThat(restored.resolve("reports").resolve("r1.csv")).hasContent("a,b");
        assertThat(restored.resolve("reports").resolve("r2.csv.part")).doesNotExist();
        // The restored store resumes: ingesting the same log again adds nothing.
        assertThat(CliRun.of("ingest", "--data", restored.toString(), "--accepted-domain", "example.test",
                "--retention-days", "0", LOG.toString()).exit()).isZero();
        assertThat(rows(restored)).isEqualTo(rows(data));
    }

    @Test
    void restoreRefusesANonEmptyDirectoryAndBackupRefusesToOverwrite() throws Exception {
        Path file = tmp.resolve("b.zip");
        assertThat(CliRun.of("backup", "--data", data.toString(), "--to", file.toString()).exit()).isZero();
        CliRun again = CliRun.of("backup", "--data", data.toString(), "--to", file.toString());
        assertThat(again.exit()).isEqualTo(Main.USAGE);
        assertThat(again.err()).contains("exists").contains("--overwrite");
        assertThat(CliRun.of("backup", "--data", data.toString(), "--to", file.toString(), "--overwrite").exit()).isZero();

        CliRun intoData = CliRun.of("restore", "--from", file.toString(), "--data", data.toString());
        assertThat(intoData.exit()).isEqualTo(Main.USAGE);
        assertThat(intoData.err()).contains("exists and is not empty");
        Files.createDirectories(tmp.resolve("empty"));
        assertThat(CliRun.of("restore", "--from", file.toString(), "--data", tmp.resolve("empty").toString()).exit()).isZero();
    }

    @Test
    void damagedBackupRestoresNothingAndSaysWhichFile() throws Exception {
        Path file = tmp.resolve("b.zip");
        assertThat(CliRun.of("backup", "--data", data.toString(), "--to", file.toString()).exit()).isZero();
        Path damaged = tmp.resolve("damaged.zip");
        rewrite(file, damaged, (name, bytes) -> name.equals("data/users.json") ? "[]".getBytes(StandardCharsets.UTF_8) : bytes);
        CliRun restore = CliRun.of("restore", "--from", damaged.toString(), "--data", tmp.resolve("r").toString());
        assertThat(restore.exit()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(restore.err()).contains("the backup is damaged: users.json has 2 bytes").contains("nothing was restored");
        assertThat(tmp.resolve("r")).doesNotExist();
        assertThat(Files.list(tmp)).noneMatch(p -> p.getFileName().toString().contains("restoring"));
    }

    @Test
    void backupOfANewerMailtraceIsRefusedNamingTheVersionNeeded() throws Exception {
        Path file = tmp.resolve("b.zip");
        assertThat(CliRun.of("backup", "--data", data.toString(), "--to", file.toString()).exit()).isZero();
        Path newer = tmp.resolve("newer.zip");
        rewrite(file, newer, (name, bytes) -> {
            if (!name.equals(BackupManifest.NAME)) {
                return bytes;
            }
            ObjectNode m = (ObjectNode) JSON.readTree(bytes);
            m.put("storeFormat", 9).put("mailtraceVersion", "7.3.0");
            return JSON.writeValueAsBytes(m);
        });
        CliRun restore = CliRun.of("restore", "--from", newer.toString(), "--data", tmp.resolve("r").toString());
        assertThat(restore.exit()).isEqualTo(Main.USAGE);
        assertThat(restore.err()).contains("made by mailtrace 7.3.0").contains("restore it with mailtrace 7.3.0 or newer");
        assertThat(tmp.resolve("r")).doesNotExist();

        CliRun notABackup = CliRun.of("restore", "--from", LOG.toString(), "--data", tmp.resolve("r").toString());
        assertThat(notABackup.exit()).isEqualTo(Main.USAGE);
        assertThat(notABackup.err()).contains("is not a mailtrace backup");
    }

    interface EntryEdit {
        byte[] apply(String name, byte[] bytes) throws Exception;
    }

    private static void rewrite(Path from, Path to, EntryEdit edit) throws Exception {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream o = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(o)) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                byte[] bytes;
                try (InputStream s = in.getInputStream(entry)) {
                    bytes = s.readAllBytes();
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(edit.apply(entry.getName(), bytes));
                out.closeEntry();
            }
        }
    }

    private static JsonNode rows(Path dir) throws Exception {
        CliRun trace = CliRun.of("trace", "--data", dir.toString(), "--output", "json", "--limit", "100000");
        assertThat(trace.exit()).as(trace.err()).isZero();
        return JSON.readTree(trace.out());
    }
}
