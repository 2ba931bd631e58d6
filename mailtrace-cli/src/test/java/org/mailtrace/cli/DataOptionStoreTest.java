package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --store LOCATION} beside {@code --data DIR}, in-process, on every command that has them. */
class DataOptionStoreTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String OPENSEARCH = "opensearch:http://127.0.0.1:9200,http://127.0.0.1:9201";

    @TempDir
    Path tmp;
    Path data;
    int rows;

    @BeforeEach
    void ingestThroughStore() throws Exception {
        data = tmp.resolve("data");
        CliRun ingest = CliRun.of("ingest", "--store", "lucene:" + data, "--retention-days", "0", IngestAndSearchTest.LOG.toString());
        assertThat(ingest.exit()).as(ingest.err()).isZero();
        assertThat(data.resolve("index")).isDirectory();
        CliRun all = CliRun.of("trace", "--data", data.toString(), "--output", "json");
        assertThat(all.exit()).as(all.err()).isZero();
        rows = JSON.readTree(all.out()).size();
        assertThat(rows).isPositive();
    }

    @Test
    void storeLuceneDirAndABarePathSearchTheSameStoreAsDataDir() throws Exception {
        for (String location : new String[] {"lucene:" + data, data.toString(), "LUCENE:" + data}) {
            CliRun r = CliRun.of("trace", "--store", location, "--output", "json");
            assertThat(r.exit()).as(location + ": " + r.err()).isZero();
            assertThat(JSON.readTree(r.out()).size()).as(location).isEqualTo(rows);
        }
        JsonNode first = JSON.readTree(CliRun.of("trace", "--data", data.toString(), "--output", "json").out()).get(0);
        CliRun detail = CliRun.of("detail", "--store", "lucene:" + data, first.get("messageTraceId").asText(), "--output", "json");
        assertThat(detail.exit()).as(detail.err()).isZero();
        assertThat(JSON.readTree(detail.out()).get("messageTraceId").asText()).isEqualTo(first.get("messageTraceId").asText());
    }

    @Test
    void userCommandsKeepTheAccountsInTheStoresDirectory() throws Exception {
        CliRun add = CliRun.withStdin(new ByteArrayInputStream("a long enough password\n".getBytes(StandardCharsets.UTF_8)),
                "user", "add", "--store", "lucene:" + data, "alice", "--role", "View-Only");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(Files.readString(data.resolve("users.json"))).contains("\"alice\"");
        CliRun list = CliRun.of("user", "list", "--store", "lucene:" + data);
        assertThat(list.out()).contains("alice");
        CliRun delete = CliRun.of("user", "delete", "--store", data.toString(), "alice");
        assertThat(delete.exit()).as(delete.err()).isZero();
        assertThat(CliRun.of("user", "list", "--data", data.toString()).out()).doesNotContain("alice");
    }

    @Test
    void backupAndRestoreTakeAStoreInADirectory() throws Exception {
        Path file = tmp.resolve("b.zip");
        CliRun backup = CliRun.of("backup", "--store", "lucene:" + data, "--to", file.toString());
        assertThat(backup.exit()).as(backup.err()).isZero();
        Path restored = tmp.resolve("restored");
        CliRun restore = CliRun.of("restore", "--from", file.toString(), "--store", "lucene:" + restored, "--output", "json");
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(JSON.readTree(restore.out()).get("rows").asLong()).isEqualTo(rows);
        CliRun again = CliRun.of("restore", "--from", file.toString(), "--store", "lucene:" + restored);
        assertThat(again.exit()).isEqualTo(Main.USAGE);
        assertThat(again.err()).contains("--store lucene:" + restored + " exists and is not empty");
    }

    @Test
    void dataAndStoreTogetherAreRefusedBeforeAnythingRuns() {
        for (String[] args : new String[][] {
                {"trace", "--data", data.toString(), "--store", "lucene:" + data},
                {"ingest", "--data", data.toString(), "--store", "lucene:" + data, IngestAndSearchTest.LOG.toString()},
                {"user", "list", "--data", data.toString(), "--store", "lucene:" + data},
                {"backup", "--data", data.toString(), "--store", "lucene:" + data, "--to", tmp.resolve("x.zip").toString()},
                {"restore", "--from", tmp.resolve("none.zip").toString(), "--data", tmp.resolve("n").toString(),
                        "--store", "lucene:" + tmp.resolve("n")},
                {"serve", "--data", data.toString(), "--store", "lucene:" + data, "--listen", "127.0.0.1:0"}}) {
            CliRun r = CliRun.of(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(Main.USAGE);
            assertThat(r.err()).as(args[0]).contains("--data and --store both name the store").contains("give one");
        }
        assertThat(tmp.resolve("x.zip")).doesNotExist();
    }

    @Test
    void backupRefusesAStoreWithoutADataDirectoryAndPointsToSnapshots() {
        String[] args = {"backup", "--store", OPENSEARCH, "--to", tmp.resolve("os.zip").toString()};
        CliRun r = CliRun.of(args);
        assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("the opensearch store keeps no data directory").contains("snapshots")
                .contains("give lucene:DIR or a data directory");
        assertThat(tmp.resolve("os.zip")).doesNotExist();
    }

    @Test
    void userOnAClusterManagesTheAccountsInTheClusterAndSaysWhenItIsUnreachable() {
        CliRun r = CliRun.of("user", "list", "--store", "opensearch:http://127.0.0.1:1");
        assertThat(r.exit()).as(r.err()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(r.err()).contains("127.0.0.1:1");
    }

    @Test
    void anUnreachableClusterIsARuntimeErrorNamingIt() {
        CliRun r = CliRun.of("trace", "--store", "opensearch:http://127.0.0.1:1");
        assertThat(r.exit()).as(r.err()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(r.err()).contains("127.0.0.1:1");
    }

    @Test
    void anUnknownTypeListsTheKnownOnes() {
        CliRun r = CliRun.of("trace", "--store", "nosuch:/x");
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("unknown store type 'nosuch'; known: lucene");
        CliRun empty = CliRun.of("trace", "--store", "lucene:");
        assertThat(empty.exit()).isEqualTo(Main.USAGE);
        assertThat(empty.err()).contains("--store lucene:: ").contains("nothing after 'lucene:'");
    }

    @Test
    void neitherDataNorStoreIsAMissingOption() {
        assumeTrue(System.getenv("MAILTRACE_DATA") == null && System.getenv("MAILTRACE_CONFIG") == null,
                "the environment names a store");
        for (String[] args : new String[][] {{"trace"}, {"user", "list"}, {"ingest", IngestAndSearchTest.LOG.toString()}}) {
            CliRun r = CliRun.of(args);
            assertThat(r.exit()).as(args[0]).isEqualTo(Main.USAGE);
            assertThat(r.err()).as(args[0]).contains("Missing required option: '--data=DIR' or '--store=LOCATION'");
        }
        assertThat(CliRun.of("trace", "--help").exit()).isZero();
    }
}
