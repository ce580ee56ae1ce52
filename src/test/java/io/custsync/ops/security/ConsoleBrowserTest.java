package io.custsync.ops.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custsync.TestService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Hawtio console in a real headless Chromium, as each role uses it, with every access rule in force (Jolokia
 * over POST only, decided per role, and the same-origin proof on every POST): the viewer sees the routes and
 * their statistics but stopping one changes nothing; the admin stops and starts one.
 */
class ConsoleBrowserTest {

    private static final String ROUTE = "intercom-call";
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.newStoreDir());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static WebDriver browser() throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(driver, options);
    }

    private static String chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Chromium is not installed: apt-get install chromium chromium-driver (.ci/run does)");
    }

    /** Logs in (the credentials leave the URL with Hawtio's redirect to /actuator/hawtio/) and opens the routes table. */
    private static WebElement routesTable(WebDriver browser, String user, String password) {
        browser.get("http://" + user + ":" + password + "@localhost:" + service.port() + "/actuator/hawtio");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> !d.findElements(By.xpath("//*[text()='routes']")).isEmpty());
        browser.findElement(By.xpath("//*[text()='routes']")).click();
        return wait.until(d -> d.findElements(By.xpath("//tr[td[normalize-space()='" + ROUTE + "']]")).stream().findFirst().orElse(null));
    }

    private static void stopFromTheTable(WebDriver browser, WebElement row) {
        row.findElement(By.cssSelector("input[type='checkbox']")).click();
        browser.findElement(By.xpath("//button[normalize-space()='Stop']")).click();
    }

    @Test
    void theViewerSeesTheRoutesWithTheirStatisticsAndCannotStopOne() throws Exception {
        WebDriver browser = browser();
        try {
            WebElement row = routesTable(browser, TestService.VIEWER, TestService.VIEWER_PASSWORD);
            assertThat(row.getText()).contains("Started");
            assertThat(browser.findElement(By.tagName("thead")).getText()).contains("Completed").contains("Failed").contains("Total");
            stopFromTheTable(browser, row);
            Thread.sleep(2000); // the console has sent its exec; the service refused it
            assertThat(service.camel().getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);
        } finally {
            browser.quit();
        }
    }

    @Test
    void theAdminStopsAndStartsARoute() throws Exception {
        WebDriver browser = browser();
        try {
            stopFromTheTable(browser, routesTable(browser, TestService.ADMIN, TestService.ADMIN_PASSWORD));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    service.camel().getRouteController().getRouteStatus(ROUTE) == ServiceStatus.Stopped);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            WebElement row = wait.until(d -> d.findElements(By.xpath("//tr[td[normalize-space()='" + ROUTE + "']]")).stream()
                    .filter(r -> r.getText().contains("Stopped")).findFirst().orElse(null));
            if (!row.findElement(By.cssSelector("input[type='checkbox']")).isSelected()) {
                row.findElement(By.cssSelector("input[type='checkbox']")).click();
            }
            browser.findElement(By.xpath("//button[normalize-space()='Start']")).click();
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    service.camel().getRouteController().getRouteStatus(ROUTE) == ServiceStatus.Started);
        } finally {
            browser.quit();
        }
    }
}
