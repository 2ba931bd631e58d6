package org.mailtrace.server.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ID token checks against a real provider's discovery document and JWKS, with tokens the
 * provider never issued: signed by another key under the provider's key ID, or not signed at all.
 */
class OidcProviderTest {
    static MockOAuth2Server idp;
    static OidcProvider provider;
    static String issuer;

    @BeforeAll
    static void start() {
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getLoopbackAddress(), 0);
        issuer = idp.issuerUrl("idp").toString();
        provider = new OidcProvider(new OidcSettings(URI.create(issuer), "mailtrace", "secret", URI.create("http://127.0.0.1:1"),
                List.of("openid"), List.of("preferred_username"), "Test IdP", null, Map.of(), false));
    }

    @AfterAll
    static void stop() {
        idp.shutdown();
    }

    private static JWTClaimsSet claims(String nonce) {
        Date now = new Date();
        return new JWTClaimsSet.Builder().issuer(issuer).subject("carol-sub").audience("mailtrace").issueTime(now)
                .expirationTime(new Date(now.getTime() + 300_000)).claim("nonce", nonce).claim("preferred_username", "carol").build();
    }

    @Test
    void aTokenSignedByTheProviderPasses() {
        SignedJWT genuine = idp.issueToken("idp", "mailtrace", new no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback(
                "idp", "carol-sub", "JWT", List.of("mailtrace"), Map.of("nonce", "n-1", "preferred_username", "carol"), 300));
        assertThat(provider.validate(genuine, "n-1").getSubject().getValue()).isEqualTo("carol-sub");
    }

    @Test
    void aTokenSignedByAnotherKeyUnderTheProvidersKeyIdIsRefused() throws Exception {
        String providerKid = SignedJWT.parse(idp.issueToken("idp", "mailtrace", "x").serialize()).getHeader().getKeyID();
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(providerKid).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(providerKid).type(JOSEObjectType.JWT).build(),
                claims("n-2"));
        forged.sign(new RSASSASigner(attacker));
        assertThatThrownBy(() -> provider.validate(forged, "n-2"))
                .isInstanceOf(OidcRefusal.class)
                .hasMessageContaining("Signed JWT rejected: Invalid signature")
                .extracting(e -> ((OidcRefusal) e).reason()).isEqualTo(OidcRefusal.TOKEN);
    }

    @Test
    void anUnsignedTokenIsRefused() {
        assertThatThrownBy(() -> provider.validate(new PlainJWT(claims("n-3")), "n-3"))
                .isInstanceOf(OidcRefusal.class)
                .extracting(e -> ((OidcRefusal) e).status()).isEqualTo(401);
    }

    @Test
    void anUnreachableProviderIsReportedAsUnavailable() {
        OidcProvider gone = new OidcProvider(new OidcSettings(URI.create("http://127.0.0.1:9/nowhere"), "mailtrace", null,
                URI.create("http://127.0.0.1:1"), List.of("openid"), List.of("email"), "Gone", null, Map.of(), false));
        assertThatThrownBy(() -> gone.authorizationUri(new LocalPendingSignIns(java.time.Clock.systemUTC()).begin("/console/trace", "t").pending()))
                .isInstanceOf(OidcRefusal.class)
                .hasMessageContaining("http://127.0.0.1:9/nowhere/.well-known/openid-configuration")
                .extracting(e -> ((OidcRefusal) e).reason()).isEqualTo(OidcRefusal.UNAVAILABLE);
    }
}
