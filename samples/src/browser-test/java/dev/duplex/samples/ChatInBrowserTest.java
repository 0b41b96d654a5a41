package dev.duplex.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.imageio.ImageIO;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat sample as people use it: two headless Chromium windows, driven through WebDriver, open the
 * samples server's chat page, join one room, each takes a name with {@code /nick} and says a line, and
 * each window must show the whole conversation from the moment it joined. Screenshots of both windows,
 * and of the two side by side, go to {@code target/browser/}, whether the conversation worked or not.
 *
 * <p>Compiled and run only with {@code -Pbrowser}. Uses Debian's {@code chromium} and
 * {@code chromium-driver} at {@code /usr/bin} (or {@code -Dduplex.chromium=PATH},
 * {@code -Dwebdriver.chrome.driver=PATH}) and skips, naming what is missing, when they are not there.
 * Both paths are given to Selenium, so Selenium Manager never runs and nothing is downloaded.
 */
class ChatInBrowserTest {
    private static final String INSTALL = "apt-get install chromium chromium-driver";
    private static final Path CHROMIUM = Path.of(System.getProperty("duplex.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS =
            Path.of(System.getProperty("duplex.browser.screenshots", "target/browser"));
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(100);
    /**
     * Selenium looks for its DevTools (CDP) support for the browser's version as a driver starts and warns
     * when the browser is newer than any it ships. This test speaks only WebDriver, so that warning says
     * nothing about it; kept in a field because java.util.logging holds loggers weakly.
     */
    private static final Logger CDP_VERSION_FINDER =
            Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");
    private static final String ROOM = "browser-test";

    private static Server server;
    private static String chatPage;
    /** Why the tests skip, or null when Chromium and chromedriver are both there. */
    private static String missing;

    private final List<ChatWindow> windows = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            missing = "Chromium is not installed at " + CHROMIUM + "; " + INSTALL + " (or -Dduplex.chromium=PATH)";
        } else if (!Files.isExecutable(CHROMEDRIVER)) {
            missing = "chromedriver is not installed at " + CHROMEDRIVER + "; " + INSTALL
                    + " (or -Dwebdriver.chrome.driver=PATH)";
        }
        if (missing != null) {
            // Surefire's console gives a skipped test's count, not its reason.
            System.out.println("Skipping the browser tests: " + missing);
            return;
        }
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        Files.createDirectories(SCREENSHOTS);
        server = SamplesServer.start("127.0.0.1", 0);
        chatPage = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/";
    }

    /**
     * Skips each test rather than the class: Surefire counts and reports a skipped test with its reason,
     * but shows a class whose set-up skipped as no tests at all.
     */
    @BeforeEach
    void needChromiumAndChromedriver() {
        assumeTrue(missing == null, missing);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    /** Screenshots first, while the windows are still open; then every browser quits, whatever failed. */
    @AfterEach
    void screenshotAndQuit() throws IOException {
        try {
            saveScreenshots();
        } finally {
            RuntimeException quitFailure = null;
            for (ChatWindow window : windows) {
                try {
                    window.driver.quit();
                } catch (RuntimeException e) {
                    if (quitFailure == null) {
                        quitFailure = e;
                    } else {
                        quitFailure.addSuppressed(e);
                    }
                }
            }
            windows.clear();
            if (quitFailure != null) {
                throw quitFailure;
            }
        }
    }

    @Test
    void twoWindowsJoinOneRoomAndSeeEachOthersLines() {
        ChatWindow alice = open("alice");
        ChatWindow bob = open("bob");

        String aliceGuest = alice.join(ROOM);
        alice.say("/nick alice");
        List<String> aliceSaw = new ArrayList<>(List.of(
                "* " + aliceGuest + " joined #" + ROOM,
                "* " + aliceGuest + " is now alice"));
        alice.shows(aliceSaw);

        String bobGuest = bob.join(ROOM);
        aliceSaw.add("* " + bobGuest + " joined #" + ROOM);
        alice.shows(aliceSaw);
        bob.say("/nick bob");
        List<String> bobSaw = new ArrayList<>(List.of(
                "* " + bobGuest + " joined #" + ROOM,
                "* " + bobGuest + " is now bob"));
        aliceSaw.add("* " + bobGuest + " is now bob");
        bob.shows(bobSaw);
        alice.shows(aliceSaw);

        String fromAlice = "alice: Hello Bob, this is Alice in Chromium.";
        alice.say("Hello Bob, this is Alice in Chromium.");
        aliceSaw.add(fromAlice);
        bobSaw.add(fromAlice);
        alice.shows(aliceSaw);
        bob.shows(bobSaw);

        String fromBob = "bob: Hi Alice! Bob here, in the other window.";
        bob.say("Hi Alice! Bob here, in the other window.");
        aliceSaw.add(fromBob);
        bobSaw.add(fromBob);
        alice.shows(aliceSaw);
        bob.shows(bobSaw);

        assertEquals("in #" + ROOM, alice.status());
        assertEquals("in #" + ROOM, bob.status());
    }

    private ChatWindow open(String who) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(SCREENSHOTS.resolve("chromedriver-" + who + ".log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: Chromium refuses to run as root with its sandbox, and CI runs as root.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=720,800");
        ChatWindow window = new ChatWindow(who, new ChromeDriver(service, options));
        windows.add(window);
        window.driver.get(chatPage);
        assertEquals("Duplex chat", window.driver.getTitle());
        return window;
    }

    /**
     * One PNG per window, chat-NAME.png, and chat-both.png with the windows side by side; each path is
     * printed so that a run's output says where to look.
     */
    private void saveScreenshots() throws IOException {
        if (windows.isEmpty()) {
            return;
        }
        List<BufferedImage> shots = new ArrayList<>();
        for (ChatWindow window : windows) {
            byte[] png = window.driver.getScreenshotAs(OutputType.BYTES);
            Path file = SCREENSHOTS.resolve("chat-" + window.who + ".png");
            Files.write(file, png);
            System.out.println("Screenshot of " + window.who + "'s window: " + file.toAbsolutePath());
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertTrue(image != null && image.getWidth() > 0 && image.getHeight() > 0,
                    window.who + "'s screenshot is not a PNG image");
            shots.add(image);
        }
        int gap = 8;
        int width = shots.stream().mapToInt(BufferedImage::getWidth).sum() + gap * (shots.size() - 1);
        int height = shots.stream().mapToInt(BufferedImage::getHeight).max().orElseThrow();
        BufferedImage both = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = both.createGraphics();
        try {
            graphics.setColor(Color.DARK_GRAY);
            graphics.fillRect(0, 0, width, height);
            int x = 0;
            for (BufferedImage shot : shots) {
                graphics.drawImage(shot, x, 0, null);
                x += shot.getWidth() + gap;
            }
        } finally {
            graphics.dispose();
        }
        Path file = SCREENSHOTS.resolve("chat-both.png");
        ImageIO.write(both, "png", file.toFile());
        System.out.println("Screenshot of both windows: " + file.toAbsolutePath());
    }

    /** One browser window on the chat page, used the way a person would: typing and clicking. */
    private static final class ChatWindow {
        final String who;
        final ChromeDriver driver;

        ChatWindow(String who, ChromeDriver driver) {
            this.who = who;
            this.driver = driver;
        }

        /** Joins the room and returns the guest name the server gave this window. */
        String join(String room) {
            WebElement roomField = driver.findElement(By.id("room"));
            roomField.clear();
            roomField.sendKeys(room);
            driver.findElement(By.cssSelector("#join button")).click();
            await("the status 'in #" + room + "'", ExpectedConditions.textToBe(By.id("status"), "in #" + room));
            String joined = await("a join notice", ignored -> log().isEmpty() ? null : log().get(0));
            assertTrue(joined.matches("\\* guest-\\d+ joined #" + room), who + "'s first line: " + joined);
            return joined.substring(2, joined.indexOf(' ', 2));
        }

        void say(String line) {
            WebElement text =
                    await("the text field to be enabled", ExpectedConditions.elementToBeClickable(By.id("text")));
            text.sendKeys(line);
            driver.findElement(By.id("send")).click();
            await("the text field to be cleared after sending", ignored -> text.getDomProperty("value").isEmpty());
        }

        /** Waits until the window's log is exactly these lines, and fails with what it shows if it never is. */
        void shows(List<String> lines) {
            try {
                new WebDriverWait(driver, WAIT, POLL).until(ignored -> log().equals(lines));
            } catch (TimeoutException e) {
                assertEquals(lines, log(), who + "'s window after " + WAIT.toSeconds() + " s");
            }
        }

        String status() {
            return driver.findElement(By.id("status")).getText();
        }

        List<String> log() {
            return driver.findElement(By.id("log")).getText().lines().toList();
        }

        private <T> T await(String what, Function<? super WebDriver, T> condition) {
            return new WebDriverWait(driver, WAIT, POLL)
                    .withMessage(() -> who + "'s window never showed " + what + "; log: " + log())
                    .until(condition);
        }
    }
}
