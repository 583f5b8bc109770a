package org.netservof.mininet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, for the web view's tests: a fresh profile per
 * browser, and what went wrong on the page read from Chrome's own logs: console errors (SEVERE), requests that
 * failed (Network.loadingFailed) and answers of 400 or more.
 */
final class Browser implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = ServiceNodes.WAIT;
  private final ChromeDriver driver;
  private final Path profile;
  private final Path screenshots;
  /** What the logs said so far: reading Chrome's logs empties them. */
  private final List<String> problems = new ArrayList<>();
  /** Each request's URL by Chrome's request id (a page's by its loader id), to name what a failure is about. */
  private final Map<String, String> urls = new HashMap<>();
  /** The origin of the pages under test: Debian's Chromium first opens its own new-tab page, off the network. */
  private String origin = "";

  private Browser(ChromeDriver driver, Path profile, Path screenshots) {
    this.driver = driver;
    this.profile = profile;
    this.screenshots = screenshots;
  }

  /** Starts Chromium; screenshots go to {@code screenshots}. */
  static Browser start(Path screenshots) throws IOException {
    Path profile = Files.createTempDirectory("netservof-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    // Without the background-networking flags Chromium's own connections are refused on a closed network and
    // end up in the logs; root needs --no-sandbox.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,900", "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    Files.createDirectories(screenshots);
    return new Browser(new ChromeDriver(service, options), profile, screenshots);
  }

  WebDriver driver() {
    return driver;
  }

  void open(String url) {
    URI uri = URI.create(url);
    origin = uri.getScheme() + "://" + uri.getRawAuthority() + "/";
    driver.get(url);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Clicks the element, found again if the page redrew it between finding and clicking. */
  void click(String css) {
    await("a clickable " + css, d -> {
      try {
        find(css).click();
        return true;
      } catch (StaleElementReferenceException e) {
        return false;
      }
    });
  }

  /** Waits until the condition holds (not null, not false), naming it when it never does. */
  <T> T await(String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).withMessage(what).ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** Saves the page as it looks now, NAME.png. */
  void screenshot(String name) throws IOException {
    Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  /** Every console error, failed request and answer >= 400 since the page opened. */
  List<String> problems() {
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        problems.add("console: " + e.getMessage());
      }
    }
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
      network(e.getMessage());
    }
    return List.copyOf(problems);
  }

  private void network(String entry) {
    try {
      JsonNode message = JSON.readTree(entry).get("message");
      String method = message.get("method").asText();
      JsonNode params = message.get("params");
      if (method.equals("Network.requestWillBeSent")) {
        urls.put(params.get("requestId").asText(), params.get("request").get("url").asText());
      } else if (method.equals("Page.frameStartedNavigating")) {
        urls.put(params.get("loaderId").asText(), params.get("url").asText());
      } else if (method.equals("Network.loadingFailed")) {
        String url = urls.getOrDefault(params.get("requestId").asText(), "");
        if (url.isEmpty() || url.startsWith(origin)) {
          problems.add("request failed: " + url + ": " + params.get("errorText").asText() + " (" + params + ")");
        }
      } else if (method.equals("Network.responseReceived") && params.get("response").get("status").asInt() >= 400) {
        problems.add("answer " + params.get("response").get("status").asInt() + ": "
            + params.get("response").get("url").asText());
      }
    } catch (IOException e) {
      problems.add("unreadable performance log entry: " + entry);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
