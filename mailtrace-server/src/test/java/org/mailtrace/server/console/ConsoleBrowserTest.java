package org.mailtrace.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser against a real server: sign in, run a trace, open a detail,
 * export CSV, reports, dashboard, admin pages, and a Help Desk user scoped to one domain who sees
 * neither admin pages nor other domains' rows. Saves a screenshot of every main page under
 * target/screenshots/. Skips (with the reason) where chromium or chromedriver is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    /** All of the sample log's mail: it was logged on 2025-11-28. */
    static final String ALL_MAIL = "/console/trace?days=custom&start=2025-11-01T00:00&tz=UTC";

    private ConsoleServer server;
    private Browser browser;

    @BeforeAll
    void start() {
        String missing = Browser.missing();
        Assumptions.assumeTrue(missing == null, missing);
        server = new ConsoleServer();
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
    @Order(1)
    void signInPageAppearsForASignedOutVisitorAndLeadsBackToTheAskedPage() {
        browser.open(ALL_MAIL);
        browser.waitFor("#signin");
        assertThat(browser.driver.getCurrentUrl()).contains("/console/signin?next=");
        browser.screenshot("01-sign-in");
        browser.one("#name").sendKeys(ConsoleServer.ADMIN);
        browser.one("#password").sendKeys("wrong password!");
        browser.one("#signin").click();
        browser.waitUntil("a sign-in error", () -> !browser.one("#signin-error").getText().isEmpty());
        assertThat(browser.one("#signin-error").getText()).isEqualTo("Wrong user name or password.");
        browser.one("#name").clear();
        browser.signIn(ConsoleServer.ADMIN, ConsoleServer.PASSWORD);
        browser.waitFor("#results tbody tr.row");
        assertThat(browser.driver.getCurrentUrl()).endsWith(ALL_MAIL);
        assertThat(browser.all("#nav a")).extracting(WebElement::getText).contains("Message trace", "Dashboard", "Reports", "Admin");
    }

    @Test
    @Order(2)
    void tracePageShowsEveryRowNewestFirstAndIsInteractiveQuickly() {
        browser.open(ALL_MAIL);
        browser.waitFor("#results tbody tr.row");
        browser.waitUntil("the results rendered mark", () -> (Boolean) browser.js("return performance.getEntriesByName('mt-results-rendered').length > 0"));
        double tti = ((Number) browser.js("return performance.getEntriesByName('mt-results-rendered')[0].startTime")).doubleValue();
        System.out.printf("console: trace page time-to-interactive (navigation start to results rendered) %.0f ms%n", tti);
        assertThat(tti).as("time to interactive, ms").isLessThan(1000);

        long expected = server.rows(Set.of());
        assertThat(browser.all("#results tbody tr.row")).hasSize((int) expected);
        assertThat(browser.one("#result-status").getText()).isEqualTo("All " + expected + " matching rows shown.");
        List<String> times = browser.all("#results tbody td.c-received").stream().map(WebElement::getText).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        browser.screenshot("02-message-trace");
        assertThat(((Number) browser.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue())
                .as("no sideways scrolling of the page").isLessThanOrEqualTo(0);

        browser.one("#results th[aria-sort] button.sort").click();
        assertThat(browser.all("#results tbody td.c-received").stream().map(WebElement::getText).toList()).isSorted();
        assertThat(browser.driver.getCurrentUrl()).contains("sort=received%3Aasc");
    }

    @Test
    @Order(3)
    void searchFormPutsTheQueryInTheUrlAndFilters() {
        browser.open(ALL_MAIL);
        WebElement recipients = browser.waitFor("#recipient");
        recipients.sendKeys("*@remote.test");
        browser.one("input[name=status][value=Failed]").click();
        browser.one("#search").click();
        browser.waitUntil("the URL to carry the query", () -> browser.driver.getCurrentUrl().contains("recipient=*%40remote.test")
                || browser.driver.getCurrentUrl().contains("recipient=%2A%40remote.test"));
        assertThat(browser.driver.getCurrentUrl()).contains("status=Failed");
        browser.waitUntil("filtered results", () -> browser.one("#result-status").getText().startsWith("All "));
        List<WebElement> rows = browser.all("#results tbody tr.row");
        assertThat(rows).isNotEmpty();
        for (WebElement r : rows) {
            assertThat(r.findElement(By.cssSelector("td.c-recipientAddress")).getText()).endsWith("@remote.test");
            assertThat(r.findElement(By.cssSelector("td.c-status")).getText()).isEqualTo("Failed");
        }
        // A shared link opens the same search.
        String link = browser.driver.getCurrentUrl();
        browser.open(link.substring(link.indexOf("/console/")));
        browser.waitUntil("the same rows from the link", () -> browser.all("#results tbody tr.row").size() == rows.size());
        assertThat(browser.one("#recipient").getAttribute("value")).isEqualTo("*@remote.test");
        // The search was autosaved: the Recent menu offers it.
        browser.waitUntil("the recent searches", () -> browser.all("details.menu").size() >= 2);
        WebElement recentMenu = browser.all("details.menu").get(1);
        recentMenu.findElement(By.tagName("summary")).click();
        browser.waitUntil("a recent search entry", () -> !recentMenu.findElements(By.cssSelector("li a")).isEmpty());
        assertThat(recentMenu.findElement(By.cssSelector("li a")).getAttribute("title")).contains("remote.test");
    }

    @Test
    @Order(4)
    void detailFlyoutShowsFactsTimelineAndRelatedTraces() {
        browser.open(ALL_MAIL + "&recipient=defer-expire@remote.test");
        browser.waitFor("#results tbody tr.row td.c-received a").click();
        browser.waitFor("#detail[data-loaded=true]");
        String text = browser.one("#detail").getText();
        assertThat(text).contains("More information", "Message ID", "Trace ID", "Queue IDs", "From IP", "defer-expire@remote.test");
        assertThat(browser.all("#detail ol.timeline li.ev")).hasSizeGreaterThan(1);
        assertThat(browser.all("#detail .gap")).anySatisfy(g -> assertThat(g.getText()).startsWith("+"));
        assertThat(browser.driver.getCurrentUrl()).contains("open=");
        browser.screenshot("03-trace-detail");
        browser.one("#detail").sendKeys(Keys.ESCAPE);
        browser.waitUntil("the flyout to close", () -> browser.all("#detail").isEmpty());
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("open=");

        // Related traces: the bounce of a failed message links to the message it is about.
        browser.open(ALL_MAIL + "&sender=%3C%3E");
        browser.waitFor("#results tbody tr.row td.c-received a").click();
        browser.waitFor("#detail[data-loaded=true]");
        List<WebElement> related = browser.all("#detail a.related");
        if (!related.isEmpty()) {
            String before = browser.one("#detail .facts").getText();
            related.get(0).click();
            browser.waitUntil("the related trace", () -> !browser.all("#detail[data-loaded=true]").isEmpty()
                    && !browser.one("#detail .facts").getText().equals(before));
        }
    }

    @Test
    @Order(5)
    void exportsTheSelectionAndEverythingToCsv() throws IOException {
        browser.open(ALL_MAIL);
        browser.waitFor("#results tbody tr.row");
        List<WebElement> boxes = browser.all("#results tbody td.sel input");
        boxes.get(0).click();
        boxes.get(1).click();
        assertThat(browser.one("#export-selected").getText()).isEqualTo("Export selected (2)");
        browser.one("#export-selected").click();
        List<String> selected = Files.readAllLines(browser.awaitDownload("mailtrace-selected"), StandardCharsets.UTF_8);
        assertThat(selected.get(0)).startsWith("received,senderAddress,recipientAddress,subject,status");
        assertThat(selected).hasSize(3);

        browser.one("#export-all").click();
        Path all = browser.awaitDownload("mailtrace-all");
        assertThat(Files.readAllLines(all, StandardCharsets.UTF_8)).hasSize((int) server.rows(Set.of()) + 1);
    }

    @Test
    @Order(6)
    void reportsCanBeCreatedWatchedAndDownloaded() {
        browser.open("/console/reports");
        browser.waitUntil("the report list", () -> !browser.all("#report-list table, #report-list p").isEmpty()
                && !browser.one("#report-list").getText().startsWith("Loading"));
        browser.screenshot("04-reports");
        assertThat(browser.all("#report-list [data-state=unavailable]")).as("the server has report jobs").isEmpty();
        browser.one("#report-title").clear();
        browser.one("#report-title").sendKeys("browser test report");
        browser.one("#report-days").sendKeys("Everything stored");
        browser.one("#create-report").click();
        browser.waitUntil("the report to finish", () -> browser.all("#reports tr[data-state=done], #reports tr[data-state=capped]").size() > 0);
        browser.screenshot("04-reports-done");
        browser.one("#reports tr[data-state=done] a.btn, #reports tr[data-state=capped] a.btn").click();
        Path csv = browser.awaitDownload("");
        assertThat(csv).isNotEmptyFile();
    }

    @Test
    @Order(7)
    void dashboardShowsTheMailFlowChart() {
        browser.open("/console/dashboard?start=2025-11-28T00:00:00Z&end=2025-11-29T00:00:00Z");
        browser.waitUntil("statistics or a notice", () -> !browser.all("#flow svg, #stats [data-state]").isEmpty());
        browser.waitUntil("the live view to connect or give up", () -> !browser.one("#live-state").getText().equals("Connecting…"));
        browser.screenshot("05-dashboard");
        assertThat(browser.all("#flow svg rect")).as("the mail flow chart").isNotEmpty();
    }

    @Test
    @Order(8)
    void adminPagesListUsersTokensAndTheAuditLog() {
        browser.open("/console/admin/users");
        browser.waitFor("#users tbody tr");
        assertThat(browser.one("#users").getText()).contains(ConsoleServer.ADMIN, ConsoleServer.SCOPED_HELPDESK);
        assertThat(browser.one("#users tr[data-user=hd-remote] td:nth-child(3) input").getAttribute("value")).isEqualTo(ConsoleServer.SCOPED_DOMAIN);
        browser.screenshot("06-admin-users");

        browser.open("/console/admin/tokens");
        browser.waitFor("#token-label").sendKeys("browser test");
        browser.one("#new-token button").click();
        assertThat(browser.waitFor("#token-secret").getText()).startsWith("mt_");
        browser.waitFor("#tokens tbody tr");
        browser.screenshot("07-admin-tokens");

        browser.open("/console/admin/audit");
        browser.waitFor("#audit tbody tr");
        assertThat(browser.one("#audit").getText()).contains("sign-in", "search", "token-create");
        browser.screenshot("08-admin-audit");
    }

    @Test
    @Order(9)
    void worksOnAPhoneAndInDarkMode() {
        browser.phone(true);
        browser.open(ALL_MAIL);
        browser.waitFor("#results tbody tr.row");
        browser.screenshot("09-message-trace-phone");
        browser.phone(false);
        browser.dark(true);
        browser.open(ALL_MAIL + "&recipient=defer-expire@remote.test");
        browser.waitFor("#results tbody tr.row td.c-received a").click();
        browser.waitFor("#detail[data-loaded=true]");
        browser.screenshot("10-trace-detail-dark");
        browser.dark(false);
    }

    @Test
    @Order(10)
    void scopedHelpDeskSeesNeitherAdminPagesNorOtherDomainsRows() {
        browser.open("/console/trace");
        browser.waitFor("#signout").click();
        browser.waitFor("#signin");
        browser.signIn(ConsoleServer.SCOPED_HELPDESK, ConsoleServer.PASSWORD);
        assertThat(browser.all("#nav a")).extracting(WebElement::getText).containsExactly("Message trace", "Dashboard");

        browser.open(ALL_MAIL);
        browser.waitUntil("scoped results", () -> browser.one("#result-status").getText().startsWith("All "));
        long scoped = server.rows(Set.of(ConsoleServer.SCOPED_DOMAIN));
        assertThat(scoped).isLessThan(server.rows(Set.of()));
        List<WebElement> rows = browser.all("#results tbody tr.row");
        assertThat(rows).hasSize((int) scoped);
        for (WebElement r : rows) {
            String sender = r.findElement(By.cssSelector("td.c-senderAddress")).getText();
            String recipient = r.findElement(By.cssSelector("td.c-recipientAddress")).getText();
            assertThat(sender.endsWith("remote.test") || recipient.endsWith("remote.test")).as(sender + " -> " + recipient).isTrue();
        }
        assertThat(browser.all("#export-all")).as("Help Desk has no export").isEmpty();
        browser.screenshot("11-helpdesk-scoped-trace");

        for (String page : List.of("/console/admin/users", "/console/admin/audit", "/console/reports")) {
            browser.open(page);
            browser.waitFor("[data-state=no-access]");
        }
        browser.screenshot("12-helpdesk-no-access");
    }
}
