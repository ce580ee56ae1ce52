package io.custsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custsync.TestService;
import io.custsync.sync.Flow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them):
 * it loads behind the login, shows every flow of the running service, and "Run now" starts that flow.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class StatusPageBrowserTest {

    private static TestService service;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(TestService.newStoreDir());
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium());
        // As root, in a machine without a network beyond loopback: no sandbox, no background traffic.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    private static String chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Chromium is not installed: apt-get install chromium chromium-driver (.ci/run does)");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        service.close();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void thePageShowsEveryFlowAndRunNowStartsIt() {
        service.runFlow("intercom-companies");
        browser.get("http://" + TestService.ADMIN + ":" + TestService.ADMIN_PASSWORD + "@localhost:" + service.port() + "/status");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class); // the page redraws its rows as it refreshes itself
        wait.until(d -> d.findElement(By.tagName("body")).getAttribute("data-loaded") != null);

        for (Flow flow : Flow.values()) {
            assertThat(browser.findElements(By.cssSelector("tr[data-flow='" + flow.id() + "']"))).as(flow.id()).hasSize(1);
        }
        WebElement companies = browser.findElement(By.cssSelector("tr[data-flow='intercom-companies']"));
        assertThat(companies.getText()).contains("succeeded").contains("input");
        assertThat(companies.findElements(By.cssSelector("svg.chart rect.records"))).hasSize(1);

        long before = service.count("SELECT count(*) FROM sync_runs WHERE flow = 'intercom-contacts'");
        browser.findElement(By.cssSelector("button[data-run='intercom-contacts']")).click();
        wait.until(d -> d.findElement(By.id("message")).getText().contains("intercom-contacts"));
        assertThat(browser.findElement(By.id("message")).getText()).contains("started");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                service.count("SELECT count(*) FROM sync_runs WHERE flow = 'intercom-contacts' AND outcome = 'succeeded'") == before + 1);
        wait.until(d -> d.findElement(By.cssSelector("tr[data-flow='intercom-contacts']")).getText().contains("succeeded"));
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aDryRunShowsAsATableOfCountsAndIsNotTheFlowsLastRun() throws Exception {
        service.runFlow("intercom-companies");
        java.util.Map<String, Object> dry = service.context().getBean(DryRuns.class).run("healthscore-push", Duration.ofMinutes(2));
        assertThat(dry).containsEntry("outcome", "succeeded");
        browser.get("http://" + TestService.ADMIN + ":" + TestService.ADMIN_PASSWORD + "@localhost:" + service.port() + "/status");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class); // the page redraws its rows as it refreshes itself
        wait.until(d -> d.findElement(By.tagName("body")).getAttribute("data-loaded") != null);

        WebElement report = browser.findElement(By.cssSelector("tr[data-dry-run='healthscore-push']"));
        List<WebElement> counts = report.findElements(By.cssSelector("table.counts tr"));
        assertThat(counts).isNotEmpty();
        assertThat(counts).extracting(WebElement::getText).anyMatch(row -> row.matches("unchanged \\d+"));
        assertThat(report.getText()).doesNotContain("{").doesNotContain("\"counts\"");
        // Its flow has never really run: the dry run is not its last run.
        WebElement flow = browser.findElement(By.cssSelector("tr[data-flow='healthscore-push']"));
        assertThat(flow.getText()).doesNotContain("succeeded");
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void rePullAsksForTheDaysAndRecordsTheWiderWindowForTheNextRun() {
        browser.get("http://" + TestService.ADMIN + ":" + TestService.ADMIN_PASSWORD + "@localhost:" + service.port() + "/status");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class); // the page redraws its rows as it refreshes itself
        wait.until(d -> d.findElement(By.tagName("body")).getAttribute("data-loaded") != null);
        // Only the windowed reads have one.
        assertThat(browser.findElements(By.cssSelector("button[data-repull]"))).extracting(b -> b.getAttribute("data-repull"))
                .containsExactlyInAnyOrder("intercom-conversations", "intercom-tickets");

        browser.findElement(By.cssSelector("button[data-repull='intercom-tickets']")).click();
        org.openqa.selenium.Alert prompt = wait.until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent());
        assertThat(prompt.getText()).contains("intercom-tickets");
        prompt.sendKeys("90");
        prompt.accept();
        wait.until(d -> d.findElement(By.id("message")).getText().contains("reads back to"));
        // Pending for the next run, or already read by the run the button started.
        java.sql.Timestamp from = await().atMost(Duration.ofSeconds(30)).until(() -> service.jdbc().queryForObject(
                "SELECT COALESCE(repull_from, read_from) FROM sync_checkpoints WHERE flow = 'intercom-tickets'", java.sql.Timestamp.class),
                t -> t != null);
        assertThat(from.toInstant()).isBetween(java.time.Instant.now().minus(Duration.ofDays(90)).minus(Duration.ofMinutes(5)),
                java.time.Instant.now().minus(Duration.ofDays(89)));
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void aStoppedFlowShowsNoNextFireTimeAndNoRunNow() throws Exception {
        // Disabled by its mode (output flows are off in the test configuration), or stopped by an operator.
        service.context().getBean(org.apache.camel.CamelContext.class).getRouteController().stopRoute("intercom-tickets");
        browser.get("http://" + TestService.ADMIN + ":" + TestService.ADMIN_PASSWORD + "@localhost:" + service.port() + "/status");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class); // the page redraws its rows as it refreshes itself
        wait.until(d -> d.findElement(By.tagName("body")).getAttribute("data-loaded") != null);

        assertThat(browser.findElements(By.cssSelector("button[data-run='intercom-companies']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("button[data-run='salesforce-accounts-push']"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("button[data-run='intercom-tickets']"))).isEmpty();
        com.fasterxml.jackson.databind.JsonNode status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                service.http("GET", "/api/sync/status", TestService.VIEWER, TestService.VIEWER_PASSWORD, null).body());
        for (com.fasterxml.jackson.databind.JsonNode f : status.path("flows")) {
            String id = f.path("flow").asText();
            if (id.equals("intercom-tickets") || id.equals("salesforce-accounts-push")) {
                assertThat(f.path("nextFireTime").isNull()).as(id).isTrue();
            }
        }
    }
}
