package org.mailtrace.server.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.mailtrace.state.StateDocuments;

class SealedPendingSignInsTest {
    private final Instant t0 = Instant.parse("2026-12-03T10:00:00Z");
    private final Secrets installation = new Secrets();

    @Test
    void aSignInBegunOnOneNodeIsTakenOnAnotherOfTheSameInstallationOnce() {
        SealedPendingSignIns a = new SealedPendingSignIns(installation, Clock.fixed(t0, ZoneOffset.UTC));
        SealedPendingSignIns b = new SealedPendingSignIns(installation, Clock.fixed(t0.plusSeconds(30), ZoneOffset.UTC));
        PendingSignIns.Started s = a.begin("/console/trace", "192.0.2.1");
        PendingSignIns.Pending p = b.take(s.pending().state(), s.cookie());
        assertThat(p).isEqualTo(s.pending());
        assertThat(s.cookie()).doesNotContain(s.pending().codeVerifier()).matches("[A-Za-z0-9_-]+");
        assertThatThrownBy(() -> b.take(s.pending().state(), s.cookie())).isInstanceOf(OidcRefusal.class)
                .hasMessageContaining("used already");
    }

    @Test
    void aChangedCookieAnotherStateAnotherInstallationAndAnExpiredSignInAreRefused() {
        SealedPendingSignIns a = new SealedPendingSignIns(installation, Clock.fixed(t0, ZoneOffset.UTC));
        PendingSignIns.Started s = a.begin("/console/trace", "192.0.2.1");
        PendingSignIns.Started other = a.begin("/console/trace", "192.0.2.1");
        String c = s.cookie();
        // Changed bytes, not changed characters: the last base64 character may carry bits the decoder drops.
        byte[] sealed = Base64.getUrlDecoder().decode(c);
        for (int i = 0; i < sealed.length; i += 3) {
            byte[] changed = sealed.clone();
            changed[i] ^= 0x20;
            String cookie = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertThatThrownBy(() -> a.take(s.pending().state(), cookie)).isInstanceOf(OidcRefusal.class)
                    .hasMessageContaining("not started in this browser");
        }
        assertThatThrownBy(() -> a.take(s.pending().state(), c.substring(0, 10))).isInstanceOf(OidcRefusal.class);
        assertThatThrownBy(() -> a.take(other.pending().state(), c)).isInstanceOf(OidcRefusal.class)
                .hasMessageContaining("not started in this browser");
        assertThatThrownBy(() -> a.take(s.pending().state(), null)).isInstanceOf(OidcRefusal.class);
        SealedPendingSignIns elsewhere = new SealedPendingSignIns(new Secrets(), Clock.fixed(t0, ZoneOffset.UTC));
        assertThatThrownBy(() -> elsewhere.take(s.pending().state(), c)).isInstanceOf(OidcRefusal.class)
                .hasMessageContaining("not started in this browser");
        SealedPendingSignIns late = new SealedPendingSignIns(installation,
                Clock.fixed(t0.plus(PendingSignIns.TTL).plus(Duration.ofSeconds(1)), ZoneOffset.UTC));
        assertThatThrownBy(() -> late.take(s.pending().state(), c)).isInstanceOf(OidcRefusal.class)
                .hasMessageContaining("older than 10 minutes");
        // None of the refusals spent it.
        assertThat(a.take(s.pending().state(), c).next()).isEqualTo("/console/trace");
    }

    /** Only what {@link org.mailtrace.state.InstallationSecrets} uses: get and create, as one installation's state. */
    private static final class Secrets implements StateDocuments {
        private final Map<String, Document> docs = new ConcurrentHashMap<>();

        @Override
        public Optional<Document> get(String kind, String id) {
            return Optional.ofNullable(docs.get(kind + "/" + id));
        }

        @Override
        public boolean create(String kind, String id, JsonNode source, Set<String> keys) {
            return docs.putIfAbsent(kind + "/" + id, new Document(id, source, "1")) == null;
        }

        @Override
        public boolean replace(String kind, String id, JsonNode source, Set<String> keys, String version) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void put(String kind, String id, JsonNode source, Set<String> keys) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String kind, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Document> all(String kind) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Document> findByKey(String kind, String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long append(String kind, LongFunction<JsonNode> entry) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Document> newestFirst(String kind, long beforeSeq, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
