package org.mailtrace.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver: no browser download, no
 * Selenium Manager. Each instance has a fresh profile and its own download folder, and saves
 * screenshots under target/screenshots/.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;
    private final String base;

    /** Why the browser tests cannot run here, or null when they can. */
    static String missing() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return "console browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install -y chromium chromium-driver";
        }
        return null;
    }

    Browser(String base) {
        this.base = base;
        try {
            profile = Files.createTempDirectory("mailtrace-chromium");
            downloads = Files.createTempDirectory("mailtrace-downloads");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,900", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement waitFor(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void waitUntil(String what, java.util.function.Supplier<Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).withMessage(what).until(d -> condition.get());
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement one(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    void signIn(String name, String password) {
        waitFor("#name").sendKeys(name);
        one("#password").sendKeys(password);
        one("#signin").click();
        waitFor("#signout");
    }

    void phone(boolean on) {
        driver.manage().window().setSize(on ? new Dimension(390, 844) : new Dimension(1400, 900));
    }

    void dark(boolean on) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", on ? "dark" : "light"))));
    }

    /** Saves target/screenshots/NAME.png. */
    Path screenshot(String name) {
        Path to = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.write(to, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /** The one file that appears in the download folder (complete, not a .crdownload). */
    Path awaitDownload(String prefix) {
        Path[] found = new Path[1];
        waitUntil("a download starting with " + prefix, () -> {
            try (var files = Files.list(downloads)) {
                found[0] = files.filter(p -> p.getFileName().toString().startsWith(prefix) && !p.toString().endsWith(".crdownload"))
                        .findFirst().orElse(null);
                return found[0] != null && Files.size(found[0]) > 0;
            } catch (IOException e) {
                return false;
            }
        });
        return found[0];
    }

    @Override
    public void close() {
        driver.quit();
    }
}
