package dev.herald.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.regex.Pattern;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromedriver}),
 * each with a fresh profile. Without them the test is skipped with the install
 * command, except under {@code CI=true}, where a missing browser fails the run.
 *
 * <p>The console must stay empty during normal use: {@link #close()} fails the test
 * when anything was logged at warning level or above (uncaught exceptions and
 * rejected promises, {@code console.error}/{@code warn}, failed loads, CSP
 * reports), unless the test said it expects it ({@link #allowConsole}).
 */
public final class Browser implements AutoCloseable {
    private static final String CHROMIUM = System.getProperty("herald.chromium", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("herald.chromedriver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ChromeDriver driver;
    private final Path profile;
    /** Every console entry so far: the driver hands each one out only once. */
    private final List<LogEntry> console = new ArrayList<>();
    private final List<Pattern> allowed = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Opens a browser at a blank page, or skips/fails the test as described above. */
    public static Browser open() {
        boolean present = new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute();
        if (!present) {
            String message = "browser tests need Debian's chromium and chromedriver: apt-get install -y chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(message);
            Assumptions.abort(message);
        }
        try {
            Path profile = Files.createTempDirectory("herald-chromium-");
            var options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-quic", "--no-first-run", "--window-size=1280,900",
                    "--user-data-dir=" + profile);
            var logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
            var driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(WAIT);
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Loads a page of the server under test, e.g. {@code "/?sharedWorker=0"}. */
    public Browser get(String pathAndQuery) {
        driver.get(Api.uri(pathAndQuery).toString());
        return this;
    }

    /** Opens a second tab of this browser (same profile, so same cookies and SharedWorker scope). */
    public String newTab(String pathAndQuery) {
        driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        get(pathAndQuery);
        return driver.getWindowHandle();
    }

    public void switchTo(String handle) {
        driver.switchTo().window(handle);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until the condition holds (returns non-null/true) and returns its value. */
    public <T> T waitUntil(Function<WebDriver, T> condition, String what) {
        try {
            return new WebDriverWait(driver, WAIT).withMessage(what)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + "\nbrowser log:\n" + String.join("\n", consoleLog()), e);
        }
    }

    public <T> T waitUntil(Function<WebDriver, T> condition, String what, Duration timeout) {
        try {
            return new WebDriverWait(driver, timeout).withMessage(what)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + "\nbrowser log:\n" + String.join("\n", consoleLog()), e);
        }
    }

    /** Waits for the page's connection indicator to show a state. */
    public void awaitState(String state) {
        awaitState(state, WAIT);
    }

    public void awaitState(String state, Duration timeout) {
        waitUntil(d -> state.equals(d.findElement(By.cssSelector("[data-testid=connection-state]")).getAttribute("data-state")),
                "connection-state " + state, timeout);
    }

    /** An attribute of the first element matching css, read in one script call: never stale. Null if none. */
    public String attr(String css, String name) {
        return (String) script("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;", css, name);
    }

    /** The text of the first element matching css, read in one script call: never stale. Null if none. */
    public String text(String css) {
        return (String) script("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
    }

    /** Whether an element matching css is there and shown (not hidden, not display:none), in one script call. */
    public boolean shown(String css) {
        return Boolean.TRUE.equals(script("const e = document.querySelector(arguments[0]);"
                + " return !!e && !e.closest('[hidden]') && e.getClientRects().length > 0;", css));
    }

    /** Clicks the element once it is there, again if a live re-render replaced it meanwhile. */
    public void click(String css) {
        waitUntil(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        }, "click on " + css);
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Console messages so far (CSP violations and script errors show up here). */
    public List<String> consoleLog() {
        return drainConsole().stream().map(LogEntry::toString).toList();
    }

    /**
     * Says an entry matching {@code regex} is expected (a test that makes the server
     * refuse a stream, say), so it does not count against the empty console.
     */
    public Browser allowConsole(String regex) {
        allowed.add(Pattern.compile(regex));
        return this;
    }

    /** Entries at warning level or above that no {@link #allowConsole} pattern covers. */
    public List<String> consoleProblems() {
        return drainConsole().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::toString)
                .filter(line -> allowed.stream().noneMatch(p -> p.matcher(line).find()))
                .toList();
    }

    private List<LogEntry> drainConsole() {
        try {
            console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        } catch (RuntimeException unsupported) {
            // no log to read (the browser is gone): what was kept is all there is
        }
        return List.copyOf(console);
    }

    /** Quits the browser; fails when the console was not empty (see the class comment). */
    @Override
    public void close() {
        List<String> problems = List.of();
        try {
            problems = consoleProblems();
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temp profile left behind is harmless
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("the browser console must stay empty during normal use, but it has:\n"
                    + String.join("\n", problems));
        }
    }
}
