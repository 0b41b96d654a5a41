package dev.duplex.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * An echo server written with the npm package {@code ws}, run by the {@code node} binary on
 * 127.0.0.1 and an ephemeral port, which it prints. The package is installed with {@code npm}
 * into {@code target/node-ws} on first use. Without node or npm, or when the install fails, the
 * tests using it are skipped (an assumption), not failed.
 *
 * <p>Its behaviour mirrors {@link JettyTestServer}'s {@code /echo}: echo, subprotocol
 * {@code chat.v2} when offered, header {@code X-Server-Name: node-ws}, and the texts
 * {@code "close CODE REASON"}, {@code "fragments N"}, {@code "header NAME"}. Each close it sees is
 * put into {@link #events} as {@code "closed CODE REASON"}.
 */
final class NodeWsServer implements AutoCloseable {
    private static final String SCRIPT = """
            const { WebSocketServer } = require('ws');
            const server = new WebSocketServer({
              host: '127.0.0.1', port: 0, maxPayload: 64 * 1024 * 1024,
              // permessage-deflate for clients that offer it, every message compressed, as ws allows.
              perMessageDeflate: { threshold: 0 },
              handleProtocols: (offered) => offered.has('chat.v2') ? 'chat.v2' : false,
            });
            server.on('headers', (headers) => headers.push('X-Server-Name: node-ws'));
            server.on('connection', (socket, request) => {
              socket.on('message', (data, isBinary) => {
                if (!isBinary) {
                  const words = data.toString().split(' ');
                  if (words[0] === 'close') {
                    socket.close(Number(words[1]), words.slice(2).join(' '));
                    return;
                  }
                  if (words[0] === 'fragments') {
                    const count = Number(words[1]);
                    for (let i = 0; i < count; i++) {
                      socket.send('part' + i + (i < count - 1 ? ',' : ''), { fin: i === count - 1 });
                    }
                    return;
                  }
                  if (words[0] === 'header') {
                    socket.send(String(request.headers[words[1].toLowerCase()]));
                    return;
                  }
                }
                socket.send(data, { binary: isBinary });
              });
              socket.on('close', (code, reason) => console.log('closed ' + code + ' ' + reason.toString()));
            });
            server.on('listening', () => console.log('port ' + server.address().port));
            process.stdin.on('end', () => process.exit(0)); // the test closed our stdin: it is over
            process.stdin.resume();
            """;

    final LinkedBlockingQueue<String> events;
    private final Process process;
    private final int port;

    private NodeWsServer(Process process, int port, LinkedBlockingQueue<String> events) {
        this.process = process;
        this.port = port;
        this.events = events;
    }

    /** Starts the server, installing {@code ws} first if needed; skips the calling test when that cannot be done. */
    static NodeWsServer start() throws Exception {
        Path directory = Path.of(System.getProperty("basedir", "."), "target", "node-ws").toAbsolutePath();
        Assumptions.assumeTrue(runs(directory.getParent(), List.of("node", "--version")),
                "no node binary on the PATH: the ws interoperability tests are skipped");
        Files.createDirectories(directory);
        if (!Files.isDirectory(directory.resolve("node_modules").resolve("ws"))) {
            Assumptions.assumeTrue(runs(directory, List.of(npm(), "install", "--no-audit", "--no-fund", "--no-save",
                    "--prefix", directory.toString(), "ws@8")), "npm could not install ws: the tests are skipped");
        }
        Path script = directory.resolve("echo-server.js");
        Files.writeString(script, SCRIPT);
        Process process = new ProcessBuilder("node", script.toString()).directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("port ")) {
                        port.complete(Integer.parseInt(line.substring(5).strip()));
                    } else {
                        events.add(line);
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IOException("the node server ended without printing its port"));
        }, "test-node-ws-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new NodeWsServer(process, port.get(30, TimeUnit.SECONDS), events);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static String npm() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows") ? "npm.cmd" : "npm";
    }

    /** Whether the command ran and exited with 0 within three minutes. */
    private static boolean runs(Path directory, List<String> command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close(); // the script exits when its stdin ends
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
