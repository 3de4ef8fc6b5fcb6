package io.vjepastream.app.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vjepastream.app.Vjepa;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The dashboard in a real browser: headless Chromium, driven by Selenium, against {@code vjepa local} on
 * eight synthetic cameras played in real time, one of them ({@code cam}) with a teleport planted every 2 s.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Pattern DASHBOARD = Pattern.compile("dashboard: (http://\\S+)");
    private static final double ANOMALY_EVERY = 2.0;
    private static final int STREAMS = 8;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void theDashboardDrawsTheCurveTheHeatMapAndThePlantedAnomaliesLive() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("Chromium and ChromeDriver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": run the tests with bin/test, which installs Debian's chromium and chromium-driver");
        }
        List<String> args = new ArrayList<>(List.of("local", "--duration", "60s", "--kafka-port", "0",
                "--http-port", "0", "--realtime", "--anomaly-threshold", "2", "--z-score-warmup", "10",
                "--progress-every", "60s", "--checkpoints", dir.resolve("checkpoints").toString(), "--source",
                "cam=synthetic:?seconds=60&anomalies=teleport&anomaly_every=" + ANOMALY_EVERY));
        for (int i = 2; i <= STREAMS; i++) {
            args.addAll(List.of("--source", "cam" + i + "=synthetic:?seconds=60&seed=" + i));
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ExecutorService local = Executors.newSingleThreadExecutor();
        Future<Integer> run = local.submit(() -> {
            try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
                return Vjepa.run(out, out, args.toArray(String[]::new));
            }
        });
        ChromeDriver browser = null;
        try {
            String url = await("the dashboard line", Duration.ofSeconds(60), () -> {
                Matcher m = DASHBOARD.matcher(printed.toString(StandardCharsets.UTF_8));
                return m.find() ? m.group(1) : null;
            });
            browser = chromium();
            browser.get(url);
            JavascriptExecutor page = browser;
            long first = await("the stream's first points", Duration.ofSeconds(30), () -> points(page));
            Thread.sleep(3_000);
            long later = points(page);
            assertTrue(later > first, "the curve gains points live: " + first + " then " + later);
            // Read together: an event may arrive between two scripts, never inside one.
            List<?> counted = (List<?>) page.executeScript("const s = window.vjepaDashboard.streams.cam;"
                    + "return [s.points, s.plot.data[0].length];");
            assertEquals(counted.get(0), counted.get(1), "every point is on the chart");

            await("the heat map", Duration.ofSeconds(20), () -> Boolean.TRUE.equals(page.executeScript(
                    "const c = document.querySelector('article.stream canvas.heat');"
                            + "if (!c || !c.closest('article').dataset.heat) return null;"
                            + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                            + "let sum = 0; for (let i = 0; i < d.length; i += 4) sum += d[i] + d[i + 1] + d[i + 2];"
                            + "return sum > 0 ? true : null;")) ? true : null);

            // A teleport is planted every 2 s; the pairs that show one have their target frame within 0.4 s after it.
            Map<?, ?> planted = await("a flag on a planted teleport", Duration.ofSeconds(45), () -> {
                List<?> flagged = (List<?>) page.executeScript(
                        "const s = window.vjepaDashboard.streams.cam; return s ? s.flagged : [];");
                for (Object f : flagged) {
                    Map<?, ?> flag = (Map<?, ?>) f;
                    double after = ((Number) flag.get("seconds")).doubleValue() % ANOMALY_EVERY;
                    if (Boolean.TRUE.equals(flag.get("live")) && after < 0.45) {
                        return flag;
                    }
                }
                return null;
            });
            // How far the pipeline lags the camera depends on the machine; the page must follow the embedder closely.
            long afterAnswer = ((Number) planted.get("shownAfterAnswerMs")).longValue();
            long afterCapture = ((Number) planted.get("shownAfterCaptureMs")).longValue();
            assertTrue(afterAnswer < 3_000, "the flag is on the page " + afterAnswer + " ms after the embedder answered ("
                    + afterCapture + " ms after its frame was captured)");
            assertTrue(browser.findElement(By.cssSelector(".panel[data-panel=trainer]")).getText()
                    .contains("loss"), "the trainer's panel is beside the streams");

            assertEquals(STREAMS, ((Number) page.executeScript(
                    "return document.querySelectorAll('article.stream[data-points]').length;")).intValue(),
                    "a card with points for every stream");
            double slowest = ((Number) page.executeScript("return window.vjepaDashboard.slowestMs;")).doubleValue();
            System.out.printf(Locale.ROOT, "dashboard with %d streams: flag shown %d ms after the answer,"
                    + " %d ms after capture; slowest event drawn in %.1f ms%n", STREAMS, afterAnswer, afterCapture, slowest);
            assertTrue(slowest < 100, "with " + STREAMS + " streams an event is drawn in under 100 ms: " + slowest + " ms");

            List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertEquals(List.of(), errors, "no error in the browser console");

            Thread.sleep(5_000);
            Path screenshot = Path.of("target", "dashboard.png");
            Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            if (browser != null) {
                browser.quit();
            }
            run.cancel(true);
            local.shutdownNow();
            local.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    private static long points(JavascriptExecutor page) {
        Object n = page.executeScript("const a = document.querySelector('article.stream[data-stream=cam]');"
                + "return a && a.dataset.points ? Number(a.dataset.points) : 0;");
        return ((Number) n).longValue();
    }

    private static ChromeDriver chromium() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // This machine's network is closed: no background connections, updates or sync.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory("vjepa-chromium"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Polls {@code probe} until it gives a value (not null, not 0), failing with {@code what} after {@code limit}. */
    private static <T> T await(String what, Duration limit, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null && !(value instanceof Number n && n.longValue() == 0)) {
                return value;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + what + " within " + limit.toSeconds() + " s");
    }
}
