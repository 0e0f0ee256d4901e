package besa.web.browser;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import besa.access.Role;
import besa.access.SecondFactors;
import besa.access.Totp;
import besa.access.UserAccounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs Besa on a random port and drives it with a real headless Chromium: one Spring context and
 * one browser per test class, a user of its own, data with a unique suffix (the database is shared).
 *
 * <p>Chromium and chromedriver come from the system (Debian {@code chromium}, {@code chromium-driver});
 * both paths are given to Selenium so that Selenium Manager never downloads anything. Without them the
 * tests are skipped, except under CI (environment variable {@code CI} set), where they fail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTestBase {
    static final Path CHROMIUM = Path.of(env("BESA_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(env("BESA_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort protected int port;
    @Autowired protected UserAccounts accounts;
    @Autowired protected SecondFactors factors;

    /** Unique per class: suffixes ids, user names and seeded values so runs never collide. */
    protected final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    protected final String username = "ui-" + run;
    protected final String password = "browser-test-" + run;
    /** The test user's TOTP key, enrolled in setup, and the last time step a code was typed for. */
    protected final byte[] totpKey = Totp.newSecret();
    private long lastStep = -1;

    protected WebDriver driver;
    protected WebDriverWait wait;
    private Path profile;

    @BeforeAll
    void startBrowser() throws IOException {
        String missing = !Files.isExecutable(CHROMIUM) ? CHROMIUM.toString()
                : !Files.isExecutable(CHROMEDRIVER) ? CHROMEDRIVER.toString() : null;
        if (missing != null) {
            String message = "browser tests need Chromium and chromedriver, but " + missing
                    + " is missing: install Debian's 'chromium' and 'chromium-driver' (or set BESA_CHROMIUM / BESA_CHROMEDRIVER)";
            if (System.getenv("CI") != null) fail(message);
            assumeTrue(false, message + "; skipped because CI is not set");
        }
        accounts.upsert(username, "UI Test " + run, password, Set.of(Role.ANALYST));
        factors.enrolTotp(username, totpKey, -1, "");
        profile = Files.createTempDirectory("besa-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1000");
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, WAIT);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (driver != null) driver.quit();
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected void open(String path) {
        driver.get(url(path));
    }

    /** Logs in through the form, types the TOTP code on the second-factor page and waits for the page the login lands on. */
    protected void logIn() {
        logIn(username, password, totpKey);
    }

    /** {@link #logIn()} as another account, made with {@link #enrol}. */
    protected void logIn(String user, String secret, byte[] key) {
        typePassword(user, secret);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code")));
        typeCode(nextCode(key));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[action$='/logout']")));
    }

    /** Another account (a second officer, a subject) with these roles and {@code key} as its enrolled TOTP secret. */
    protected void enrol(String user, String name, String secret, java.util.Set<Role> roles, byte[] key) {
        accounts.upsert(user, name, secret, roles);
        factors.enrolTotp(user, key, -1, "");
    }

    /** The first step of the sign-in: user name and password. */
    protected void typePassword(String user, String secret) {
        open("/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(secret);
        driver.findElement(By.cssSelector("form[action$='/login'] button[type=submit]")).click();
    }

    protected void typeCode(String code) {
        driver.findElement(By.id("code")).sendKeys(code);
        driver.findElement(By.cssSelector("#code ~ button[type=submit]")).click();
    }

    /**
     * A code the server has not accepted yet: each time step's code works once, so a second login in
     * the same 30 s uses the next step's code (inside the ±1 step window), and only a third waits
     * for the clock to move on.
     */
    protected String nextCode(byte[] key) {
        long step = Math.max(Totp.step(Instant.now()), lastStep + 1);
        new WebDriverWait(driver, Duration.ofSeconds(Totp.STEP_SECONDS + 5))
                .until(d -> Totp.step(Instant.now()) >= step - Totp.WINDOW);
        lastStep = step;
        return Totp.code(key, step);
    }

    /** Sets the task's purpose (needed before searching for persons), as a user does on the purpose page. */
    protected void setPurpose() {
        open("/purpose");
        driver.findElement(By.cssSelector("input[name=kind][value=REASON]")).click();
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("reason"))).selectByValue("INTEL_ANALYSIS");
        driver.findElement(By.id("text")).sendKeys("browser test");
        driver.findElement(By.cssSelector("form.purpose button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".purpose strong"), "INTEL_ANALYSIS"));
    }

    protected void logOut() {
        driver.findElement(By.cssSelector("form[action$='/logout'] button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    }

    protected String htmlLang() {
        return driver.findElement(By.tagName("html")).getAttribute("lang");
    }

    /** Saves what the browser shows to target/screenshots/{name}.png, for a person to look at. */
    protected void screenshot(String name) throws IOException {
        Dimension window = driver.manage().window().getSize();
        Object height = ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight");
        int full = Math.min(4000, Math.max(window.getHeight(), ((Number) height).intValue() + 140));
        driver.manage().window().setSize(new Dimension(window.getWidth(), full)); // the whole page, not just the viewport
        try {
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
