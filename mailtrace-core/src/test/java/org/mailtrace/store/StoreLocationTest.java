package org.mailtrace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreLocationTest {

    @Test
    void typeAndArgumentAreSplitAtTheFirstColon() {
        assertThat(StoreLocation.parse("lucene:/var/lib/mailtrace")).isEqualTo(new StoreLocation("lucene", "/var/lib/mailtrace"));
        assertThat(StoreLocation.parse("opensearch:http://127.0.0.1:9200"))
                .isEqualTo(new StoreLocation("opensearch", "http://127.0.0.1:9200"));
        assertThat(StoreLocation.parse("lucene:data:old")).isEqualTo(new StoreLocation("lucene", "data:old"));
    }

    @Test
    void theTypeIsReadCaseInsensitivelyAndSurroundingBlanksAreDropped() {
        assertThat(StoreLocation.parse("  Lucene:/srv/mt \n")).isEqualTo(new StoreLocation("lucene", "/srv/mt"));
    }

    @Test
    void aBarePathIsTheLuceneStoreInThatDirectory() {
        for (String path : List.of("/var/lib/mailtrace", "data", "./data", "../other/data", "data/mailtrace.d",
                "~mailtrace/data", "/srv/mail trace/data")) {
            StoreLocation l = StoreLocation.parse(path);
            assertThat(l.type()).as(path).isEqualTo("lucene");
            assertThat(l.argument()).as(path).isEqualTo(path);
            assertThat(l.path()).as(path).isEqualTo(Path.of(path));
        }
    }

    @Test
    void windowsPathsAreNeverReadAsATypeBecauseADriveLetterIsOneCharacter() {
        for (String path : List.of("C:\\mailtrace", "c:/mailtrace", "D:relative", "\\\\server\\share\\mailtrace", "C:")) {
            assertThat(StoreLocation.parse(path)).as(path).isEqualTo(new StoreLocation("lucene", path));
        }
        assertThat(StoreLocation.parse("lucene:C:\\mailtrace")).isEqualTo(new StoreLocation("lucene", "C:\\mailtrace"));
    }

    @Test
    void aDirectoryWithAColonInItsNameIsABarePathWhenItStartsWithAPathCharacter() {
        assertThat(StoreLocation.parse("./data:old")).isEqualTo(new StoreLocation("lucene", "./data:old"));
        assertThat(StoreLocation.parse("/var/lib/a:b")).isEqualTo(new StoreLocation("lucene", "/var/lib/a:b"));
        assertThat(StoreLocation.parse("data:old").type()).as("a type as far as the syntax goes").isEqualTo("data");
    }

    @Test
    void theOpensearchArgumentIsAListOfServers() {
        StoreLocation l = StoreLocation.parse("opensearch:http://127.0.0.1:9200, https://search2.example.org:9200,http://[::1]:9200/proxy/");
        assertThat(l.type()).isEqualTo("opensearch");
        assertThat(l.urls()).containsExactly(URI.create("http://127.0.0.1:9200"), URI.create("https://search2.example.org:9200"),
                URI.create("http://[::1]:9200/proxy/"));
        assertThat(l.urls().get(2).getHost()).isEqualTo("[::1]");
    }

    @Test
    void malformedServerListsSayWhichServerAndWhatToWrite() {
        assertThatThrownBy(() -> StoreLocation.parse("opensearch:http://a:9200,,http://b:9200").urls())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty server between commas");
        assertThatThrownBy(() -> StoreLocation.parse("opensearch:127.0.0.1:9200").urls())
                .hasMessageContaining("'127.0.0.1:9200' is not a URL").hasMessageContaining("write e.g. http://127.0.0.1:9200");
        assertThatThrownBy(() -> StoreLocation.parse("opensearch:localhost:9200").urls())
                .hasMessageContaining("'localhost:9200' is not an http or https URL");
        assertThatThrownBy(() -> StoreLocation.parse("opensearch:ftp://a").urls()).hasMessageContaining("not an http or https URL");
        assertThatThrownBy(() -> StoreLocation.parse("opensearch:http://a b").urls()).hasMessageContaining("is not a URL");
        assertThatThrownBy(() -> StoreLocation.parse("opensearch:http:///x").urls()).hasMessageContaining("names no host");
        assertThatThrownBy(() -> StoreLocation.parse("opensearch:http://a:9200/?pretty").urls()).hasMessageContaining("query");
    }

    @Test
    void credentialsInAServerUrlAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> StoreLocation.parse("opensearch:https://admin:s3cret@127.0.0.1:9200").urls())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("store options")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void emptyTextOrAnEmptyArgumentSaysWhatToGive() {
        for (String bad : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> StoreLocation.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lucene:/var/lib/mailtrace");
        }
        assertThatThrownBy(() -> StoreLocation.parse("lucene:")).hasMessageContaining("nothing after 'lucene:'");
        assertThatThrownBy(() -> StoreLocation.parse("opensearch: ")).hasMessageContaining("nothing after 'opensearch:'");
    }

    @Test
    void aLocationPrintsAsItsTextAndReadsBackEqual() {
        for (String text : List.of("lucene:/var/lib/mailtrace", "opensearch:http://a:9200,http://b:9200", "lucene:C:\\m")) {
            StoreLocation l = StoreLocation.parse(text);
            assertThat(l).hasToString(text);
            assertThat(StoreLocation.parse(l.toString())).isEqualTo(l);
        }
        assertThat(StoreLocation.ofDirectory(Path.of("/var/lib/mailtrace"))).hasToString("lucene:/var/lib/mailtrace");
    }

    @Test
    void aTypeMustBeALowercaseName() {
        assertThatThrownBy(() -> new StoreLocation("Lucene", "/x")).hasMessageContaining("not a type name");
        assertThatThrownBy(() -> new StoreLocation("l", "/x")).hasMessageContaining("not a type name");
    }
}
