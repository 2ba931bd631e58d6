package org.mailtrace.server.auth.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.mailtrace.state.InstallationSecrets;
import org.mailtrace.state.StateDocuments;

/**
 * {@link PendingSignIns} of serving nodes that share a store, kept in the browser rather than on a
 * server: the flow cookie is the whole sign-in (state, nonce, PKCE verifier, next page, expiry),
 * sealed with AES-256-GCM under the installation's secret {@value #SECRET}
 * ({@link InstallationSecrets}), so a sign-in begun on one node finishes on any other behind a load
 * balancer without sticky sessions, and nothing is written per sign-in: a flood of starts costs the
 * cluster nothing. The browser cannot read nor change what the cookie says.
 *
 * <p>Used at most once: this node remembers the states it took until they expire (bounded like
 * {@link LocalPendingSignIns}); a replay sent to another node carries an authorization code that
 * was redeemed already, which the provider must refuse (RFC 6749, 4.1.2).
 */
public final class SealedPendingSignIns implements PendingSignIns {
    static final String SECRET = "sign-in-flow-key";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_TAKEN = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StateDocuments documents;
    private final Clock clock;
    private final Map<String, Instant> taken = new LinkedHashMap<>();
    private volatile SecretKeySpec key;

    public SealedPendingSignIns(StateDocuments documents, Clock clock) {
        this.documents = documents;
        this.clock = clock;
    }

    @Override
    public Started begin(String next, String client) {
        Pending p = Pending.fresh(next, client, clock.instant(), TTL);
        ObjectNode n = JSON.createObjectNode();
        n.put("state", p.state());
        n.put("nonce", p.nonce());
        n.put("verifier", p.codeVerifier());
        n.put("next", p.next());
        n.put("client", p.client());
        n.put("expires", p.expires().toEpochMilli());
        try {
            return new Started(p, seal(JSON.writeValueAsBytes(n)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("oidc sign-in: cannot seal the flow cookie: " + e.getMessage(), e);
        }
    }

    @Override
    public Pending take(String state, String cookie) {
        if (state == null || cookie == null) {
            throw OidcRefusal.notThisBrowser(state == null ? "no state came back" : "no flow cookie came back");
        }
        JsonNode n;
        try {
            n = JSON.readTree(open(cookie));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            // Not sealed under this installation's key (as this node holds it), changed, or cut short.
            throw OidcRefusal.notThisBrowser("the flow cookie does not open with this installation's key");
        }
        Pending p = new Pending(n.path("state").asText(), n.path("nonce").asText(), n.path("verifier").asText(),
                n.path("next").asText(), n.path("client").asText(), Instant.ofEpochMilli(n.path("expires").asLong()));
        if (!MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), p.state().getBytes(StandardCharsets.UTF_8))) {
            throw OidcRefusal.notThisBrowser("the state differs from the one sealed in the flow cookie");
        }
        Instant now = clock.instant();
        if (!p.expires().isAfter(now)) {
            throw OidcRefusal.unknownOrUsed();
        }
        synchronized (taken) {
            for (Iterator<Instant> it = taken.values().iterator(); it.hasNext(); ) {
                Instant expires = it.next();
                if (!expires.isAfter(now) || taken.size() >= MAX_TAKEN) {
                    it.remove();
                }
            }
            if (taken.putIfAbsent(p.state(), p.expires()) != null) {
                throw OidcRefusal.unknownOrUsed();
            }
        }
        return p;
    }

    private String seal(byte[] plain) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, iv));
        byte[] sealed = c.doFinal(plain);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length)
                .put(iv).put(sealed).array());
    }

    private byte[] open(String cookie) throws GeneralSecurityException {
        byte[] all = Base64.getUrlDecoder().decode(cookie);
        if (all.length <= IV_BYTES) {
            throw new IllegalArgumentException("too short");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
        return c.doFinal(all, IV_BYTES, all.length - IV_BYTES);
    }

    /** Read (or created) on first use, so a server without OIDC never creates it. */
    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            k = new SecretKeySpec(InstallationSecrets.readOrCreate(documents, SECRET, KEY_BYTES, "oidc sign-in"), "AES");
            key = k;
        }
        return k;
    }
}
