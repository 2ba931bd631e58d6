package org.mailtrace.server.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The identity provider as mailtrace talks to it: discovery, the authorization request (code flow
 * with PKCE S256, state and nonce), the token request, and the ID token checks (signature against
 * the provider's JWKS, issuer, audience, expiry, nonce) done by the Nimbus OAuth 2.0 / OIDC SDK.
 * Discovery happens at the first sign-in and is kept once it succeeds, so a provider that is down
 * while mailtrace starts delays only OIDC sign-ins; the JWKS is cached and re-read when a token names
 * a key it does not hold (key rotation).
 */
public final class OidcProvider {
    private static final int TIMEOUT_MS = 10_000;
    /** Signatures we accept: public-key ones only (never {@code none}, never HMAC with the client secret). */
    private static final Set<JWSAlgorithm> ASYMMETRIC = new LinkedHashSet<>();

    static {
        ASYMMETRIC.addAll(JWSAlgorithm.Family.RSA);
        ASYMMETRIC.addAll(JWSAlgorithm.Family.EC);
        ASYMMETRIC.addAll(JWSAlgorithm.Family.ED);
    }

    private final OidcSettings settings;
    private volatile Discovered discovered;

    public OidcProvider(OidcSettings settings) {
        this.settings = settings;
    }

    public OidcSettings settings() {
        return settings;
    }

    /** Where to send the browser: the provider's authorization endpoint with this sign-in's secrets. */
    public URI authorizationUri(PendingSignIns.Pending p) {
        Discovered d = discover();
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(settings.scopes().toArray(String[]::new)),
                new ClientID(settings.clientId()), settings.redirectUri())
                .endpointURI(d.metadata.getAuthorizationEndpointURI())
                .state(new State(p.state()))
                .nonce(new Nonce(p.nonce()))
                .codeChallenge(new CodeVerifier(p.codeVerifier()), CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /**
     * Trades the authorization code for tokens and checks the ID token.
     *
     * @return the ID token's verified claims
     * @throws OidcRefusal {@link OidcRefusal#TOKEN} when the provider refuses the code or a check fails
     */
    public IDTokenClaimsSet redeem(String code, PendingSignIns.Pending p) {
        Discovered d = discover();
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), settings.redirectUri(),
                new CodeVerifier(p.codeVerifier()));
        ClientID client = new ClientID(settings.clientId());
        URI endpoint = d.metadata.getTokenEndpointURI();
        TokenRequest request = settings.clientSecret() == null
                ? new TokenRequest.Builder(endpoint, client, grant).build()
                : new TokenRequest.Builder(endpoint, new ClientSecretBasic(client, new Secret(settings.clientSecret())), grant).build();
        TokenResponse response;
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MS);
            http.setReadTimeout(TIMEOUT_MS);
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            throw new OidcRefusal(OidcRefusal.UNAVAILABLE, 502, endpoint + ": the token request failed: " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new OidcRefusal(OidcRefusal.TOKEN, 502, endpoint + ": the token response is not OIDC: " + e.getMessage(), e);
        }
        if (!response.indicatesSuccess()) {
            ErrorObject err = response.toErrorResponse().getErrorObject();
            throw new OidcRefusal(OidcRefusal.TOKEN, 401, endpoint + ": the provider refused the code: " + err.getCode()
                    + (err.getDescription() == null ? "" : " (" + err.getDescription() + ")"));
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw new OidcRefusal(OidcRefusal.TOKEN, 502, endpoint + ": the token response has no id_token; is 'openid' among oidc-scopes?");
        }
        return validate(idToken, p.nonce());
    }

    /** The ID token checks alone; package-visible so a test can hand it a forged token. */
    IDTokenClaimsSet validate(JWT idToken, String nonce) {
        try {
            return discover().validator.validate(idToken, new Nonce(nonce));
        } catch (BadJOSEException | JOSEException e) {
            throw new OidcRefusal(OidcRefusal.TOKEN, 401, "the ID token from " + settings.issuer() + " failed its checks: " + e.getMessage(), e);
        }
    }

    private Discovered discover() {
        Discovered d = discovered;
        if (d != null) {
            return d;
        }
        synchronized (this) {
            if (discovered == null) {
                discovered = fetch();
            }
            return discovered;
        }
    }

    private Discovered fetch() {
        URI wellKnown = URI.create(settings.issuer().toString().replaceAll("/+$", "") + "/.well-known/openid-configuration");
        try {
            // resolve() also refuses a document whose issuer differs from the configured one.
            OIDCProviderMetadata m = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()), TIMEOUT_MS, TIMEOUT_MS);
            if (m.getJWKSetURI() == null || m.getTokenEndpointURI() == null || m.getAuthorizationEndpointURI() == null) {
                throw new OidcRefusal(OidcRefusal.UNAVAILABLE, 502, wellKnown + ": discovery lacks jwks_uri, token_endpoint or authorization_endpoint");
            }
            Set<JWSAlgorithm> algs = new LinkedHashSet<>(m.getIDTokenJWSAlgs() == null ? List.of(JWSAlgorithm.RS256) : m.getIDTokenJWSAlgs());
            algs.retainAll(ASYMMETRIC);
            if (algs.isEmpty()) {
                throw new OidcRefusal(OidcRefusal.UNAVAILABLE, 502, wellKnown + ": the provider signs ID tokens only with "
                        + m.getIDTokenJWSAlgs() + "; mailtrace needs a public-key algorithm (RS256, ES256, EdDSA...)");
            }
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(m.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 1 << 20)).build();
            IDTokenValidator validator = new IDTokenValidator(m.getIssuer(), new ClientID(settings.clientId()),
                    new JWSVerificationKeySelector<>(algs, keys), null);
            return new Discovered(m, validator);
        } catch (GeneralException | IOException e) {
            throw new OidcRefusal(OidcRefusal.UNAVAILABLE, 502, wellKnown + ": discovery failed: " + e.getMessage(), e);
        }
    }

    private record Discovered(OIDCProviderMetadata metadata, IDTokenValidator validator) {
    }
}
