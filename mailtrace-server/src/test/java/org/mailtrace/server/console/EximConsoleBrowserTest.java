package org.mailtrace.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mailtrace.server.OtherFormatsSample;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * An Exim trace in the console of a real browser (the store holds the real-Exim and the Exchange
 * samples): the row with its status, and the detail flyout with the timeline Exim's lines make,
 * a deferral then the delivery. Skips where chromium or chromedriver is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EximConsoleBrowserTest {
    private ConsoleServer server;
    private Browser browser;

    @BeforeAll
    void start() {
        String missing = Browser.missing();
        Assumptions.assumeTrue(missing == null, missing);
        server = new ConsoleServer(Map.of(), OtherFormatsSample::ingest);
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
    }

    @Test
    void anEximRowOpensItsTimelineOfDeferralAndDelivery() {
        browser.open("/console/trace?days=custom&start=2026-12-01T00:00&tz=UTC&recipient=later-out%40remote.test");
        browser.signIn(ConsoleServer.ADMIN, ConsoleServer.PASSWORD);
        browser.waitFor("#results tbody tr.row");
        List<WebElement> rows = browser.all("#results tbody tr.row");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).findElement(By.cssSelector("td.c-senderAddress")).getText()).isEqualTo("mt-sender@example.test");
        assertThat(rows.get(0).findElement(By.cssSelector("td.c-status")).getText()).isEqualTo("Delivered");
        browser.waitFor("#results tbody tr.row td.c-received a").click();
        browser.waitFor("#detail[data-loaded=true]");
        assertThat(browser.one("#detail").getText()).contains("<20261203004643.020020@vm>", "1xYuyB-0005Cw-1E");
        assertThat(browser.all("#detail ol.timeline li.ev")).extracting(e -> e.getAttribute("class"))
                .containsExactly("ev ev-RECEIVE", "ev ev-DEFER", "ev ev-DEFER", "ev ev-SEND");
        assertThat(browser.all("#detail ol.timeline li.ev p.ev-detail")).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).startsWith("Received by localhost (exim) from [127.0.0.2]"))
                .anySatisfy(t -> assertThat(t).contains("451 4.3.0"));
        browser.screenshot("exim-01-trace-detail");
    }
}
