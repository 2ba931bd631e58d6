package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never crashes ingest and never loses what the good lines say: garbage, invalid UTF-8,
 * 1 MB lines, truncation, same-second shuffles and duplicated input, on a real Postfix log.
 */
class IngestRobustnessTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private int n;

    private Set<String> rowsOf(Path log) throws Exception {
        String data = tmp.resolve("d" + (n++)).toString();
        CliRun r = CliRun.of("ingest", "--data", data, "--accepted-domain", "example.test", "--trusted-network",
                "127.0.0.2/32", "--retention-days", "0", "--output", "json", log.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode summary = JSON.readTree(r.out());
        assertThat(summary.get("used").asLong() + summary.get("ignored").asLong() + summary.get("foreign").asLong()
                + summary.get("malformed").asLong()).isEqualTo(summary.get("linesRead").asLong());
        CliRun t = CliRun.of("trace", "--data", data, "--output", "json", "--limit", "1000000");
        assertThat(t.exit()).as(t.err()).isZero();
        Set<String> rows = new TreeSet<>();
        for (JsonNode row : JSON.readTree(t.out())) {
            rows.add(row.get("senderAddress").asText() + " -> " + row.get("recipientAddress").asText() + " "
                    + row.get("status").asText() + " " + row.get("queueIds"));
        }
        return rows;
    }

    private Path write(String name, byte[] content) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    @Test
    void garbageBetweenRealLinesLosesNoRow() throws Exception {
        Random random = new Random(42);
        List<String> lines = Files.readAllLines(IngestAndSearchTest.LOG);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            for (int i = 0; i < junk.length; i++) {
                if (junk[i] == '\n') {
                    junk[i] = 'x';
                }
            }
            out.write(junk);
            out.write('\n');
        }
        Set<String> clean = rowsOf(IngestAndSearchTest.LOG);
        assertThat(rowsOf(write("garbage.log", out.toByteArray()))).isEqualTo(clean);
    }

    @Test
    void invalidUtf8AndAMegabyteLineAreCountedNotFatal() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Files.readAllBytes(IngestAndSearchTest.LOG));
        out.write("Nov 28 13:30:00 mail postfix/cleanup[1]: ABCDEF1234: info: header Subject: caf".getBytes(StandardCharsets.UTF_8));
        out.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        out.write(" from x[192.0.2.1]; from=<a@b> to=<c@d> proto=ESMTP helo=<h>\n".getBytes(StandardCharsets.UTF_8));
        out.write("Nov 28 13:30:01 mail postfix/smtpd[2]: ".getBytes(StandardCharsets.UTF_8));
        out.write("A".repeat(1 << 20).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        Set<String> rows = rowsOf(write("odd.log", out.toByteArray()));
        assertThat(rows).containsAll(rowsOf(IngestAndSearchTest.LOG));
    }

    @Test
    void truncatedInputAtAnyPointNeverFails() throws Exception {
        byte[] all = Files.readAllBytes(IngestAndSearchTest.LOG);
        Random random = new Random(7);
        for (int i = 0; i < 6; i++) {
            int cut = random.nextInt(all.length);
            byte[] part = java.util.Arrays.copyOf(all, cut);
            rowsOf(write("cut" + i + ".log", part));
        }
    }

    @Test
    void linesShuffledWithinTheSameSecondKeepEveryRecipient() throws Exception {
        List<String> lines = Files.readAllLines(IngestAndSearchTest.LOG);
        Random random = new Random(3);
        List<String> shuffled = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            int j = i;
            String second = lines.get(i).substring(0, 15);
            while (j < lines.size() && lines.get(j).startsWith(second)) {
                j++;
            }
            List<String> group = new ArrayList<>(lines.subList(i, j));
            Collections.shuffle(group, random);
            shuffled.addAll(group);
            i = j;
        }
        Set<String> recipientsClean = recipients(rowsOf(IngestAndSearchTest.LOG));
        Set<String> recipientsShuffled = recipients(rowsOf(write("shuffled.log",
                (String.join("\n", shuffled) + "\n").getBytes(StandardCharsets.UTF_8))));
        assertThat(recipientsShuffled).containsAll(recipientsClean);
    }

    @Test
    void theSameInputTwiceGivesTheSameRows() throws Exception {
        byte[] once = Files.readAllBytes(IngestAndSearchTest.LOG);
        ByteArrayOutputStream twice = new ByteArrayOutputStream();
        twice.write(once);
        twice.write(once);
        assertThat(rowsOf(write("twice.log", twice.toByteArray()))).isEqualTo(rowsOf(IngestAndSearchTest.LOG));
    }

    private static Set<String> recipients(Set<String> rows) {
        Set<String> out = new TreeSet<>();
        for (String r : rows) {
            out.add(r.substring(0, r.indexOf(' ', r.indexOf("-> ") + 3)));
        }
        return out;
    }
}
