package org.mailtrace.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's "Sign in with ..." button in a real browser against a real OIDC provider on
 * another site (localhost vs 127.0.0.1): the redirect chain ends in a signed-in console, which
 * shows the session cookie (SameSite=Strict) works after the provider's cross-site redirect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcConsoleBrowserTest {
    private MockOAuth2Server idp;
    private ConsoleServer server;
    private Browser browser;

    @BeforeAll
    void start() throws IOException {
        String missing = Browser.missing();
        Assumptions.assumeTrue(missing == null, missing);
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getLoopbackAddress(), 0);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        server = new ConsoleServer(Map.of("listen", List.of("127.0.0.1:" + port), "public-url", List.of("http://127.0.0.1:" + port),
                "oidc-issuer", List.of(idp.issuerUrl("idp").toString()), "oidc-client-id", List.of("mailtrace"),
                "oidc-client-secret", List.of("secret"), "oidc-provider-name", List.of("Example SSO")));
        browser = new Browser(server.base());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (idp != null) {
            idp.shutdown();
        }
    }

    @Test
    void theProviderButtonSignsInAndAnUnknownUserIsToldWhy() {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("idp", "nobody-sub", "JWT", List.of("mailtrace"),
                Map.of("preferred_username", "nobody"), 300));
        browser.open("/console/signin");
        browser.waitFor("#signin-oidc").click();
        browser.waitUntil("the refusal on the sign-in page", () -> !browser.one("#signin-error").getText().isEmpty());
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/signin?oidc-error=oidc-unknown-user");
        assertThat(browser.one("#signin-error").getText()).contains("no mailtrace account");
        browser.screenshot("oidc-01-unknown-user");

        idp.enqueueCallback(new DefaultOAuth2TokenCallback("idp", "hd-sub", "JWT", List.of("mailtrace"),
                Map.of("preferred_username", ConsoleServer.SSO_HELPDESK), 300));
        browser.open("/console/trace");
        assertThat(browser.waitFor("#signin-oidc").getText()).isEqualTo("Sign in with Example SSO");
        browser.screenshot("oidc-02-sign-in-page");
        browser.one("#signin-oidc").click();
        browser.waitFor("#signout");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/trace");
        assertThat(browser.one("#who").getText()).contains(ConsoleServer.SSO_HELPDESK);
        browser.screenshot("oidc-03-signed-in");
    }
}
