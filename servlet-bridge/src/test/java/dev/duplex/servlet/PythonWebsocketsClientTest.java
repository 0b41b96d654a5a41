package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.duplex.servlet.jetty.DuplexJetty;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * permessage-deflate between the Duplex server and a foreign client with its own zlib-based
 * implementation: the Python package {@code websockets} (Debian's {@code python3-websockets}), where a
 * Python 3 with it is installed (skipped otherwise). The second test offers windows of 2^10 bytes:
 * websockets sets zlib's decoder to that window, which rejects a longer back-reference only where it
 * spans two decoder calls (frames); {@code PerMessageDeflateConnectionTest}'s decoder checks every one.
 */
@Timeout(120)
class PythonWebsocketsClientTest {
    private static final List<String> PYTHONS = List.of("python3", "/usr/bin/python3", "/usr/local/bin/python3");
    private static final int EXPECTED_MESSAGES = 10;

    private static TestServer server;
    private static String python;

    @BeforeAll
    static void start() throws Exception {
        python = PYTHONS.stream().filter(PythonWebsocketsClientTest::hasWebsockets).findFirst().orElse(null);
        assumeTrue(python != null, "no python3 with the websockets package (Debian: python3-websockets)");
        server = TestServer.start(context -> DuplexJetty.enable(context,
                container -> container.addEndpoint(TestEndpoints.Echo.class)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static boolean hasWebsockets(String python) {
        try {
            Process process = new ProcessBuilder(python, "-c", "import websockets.extensions.permessage_deflate")
                    .redirectErrorStream(true).start();
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs the client script against /echo; returns its output lines after checking it exited 0. */
    private static List<String> runClient(int windowBits) throws Exception {
        Path script = Path.of(PythonWebsocketsClientTest.class.getResource("/python/deflate_echo_client.py").toURI());
        Process process = new ProcessBuilder(python, script.toString(), server.ws("/echo").toString(),
                Integer.toString(windowBits)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        return output.lines().toList();
    }

    private static void assertEveryMessageEchoed(List<String> lines) {
        assertEquals(EXPECTED_MESSAGES, lines.stream().filter(line -> line.startsWith("echoed ")).count(),
                String.join("\n", lines));
        assertEquals("closed 1000", lines.get(lines.size() - 1), String.join("\n", lines));
    }

    @Test
    void browserLikeOfferIsAcceptedAndEveryMessageComesBack() throws Exception {
        List<String> lines = runClient(15);
        assertEquals("extensions: permessage-deflate; server_no_context_takeover", lines.get(0));
        assertEveryMessageEchoed(lines);
    }

    @Test
    void duplexKeepsToAWindowOfTwoToTheTenthBytes() throws Exception {
        List<String> lines = runClient(10);
        // Duplex inflates with a full window, so it never limits the client's (RFC 7692 section 7.1.2.2)
        assertEquals("extensions: permessage-deflate; server_no_context_takeover; server_max_window_bits=10",
                lines.get(0));
        assertEveryMessageEchoed(lines);
    }
}
