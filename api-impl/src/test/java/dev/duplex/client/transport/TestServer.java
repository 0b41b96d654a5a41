package dev.duplex.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A blocking test server on 127.0.0.1 and an ephemeral port: a thread accepts connections and
 * runs the given conversation for each on a thread of its own (fine in tests). Failures of a
 * conversation are kept for {@link #close()} to report.
 */
final class TestServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    interface Conversation {
        void run(Socket socket) throws Exception;
    }

    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final List<Thread> conversations = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private volatile boolean failuresExpected;

    TestServer(Conversation conversation) throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), conversation);
    }

    TestServer(ServerSocket serverSocket, Conversation conversation) {
        this.serverSocket = serverSocket;
        this.acceptor = new Thread(() -> acceptLoop(conversation), "test-server-acceptor");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    private void acceptLoop(Conversation conversation) {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException closed) {
                return;
            }
            Thread thread = new Thread(() -> {
                try (socket) {
                    conversation.run(socket);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "test-server-conversation");
            thread.setDaemon(true);
            synchronized (conversations) {
                conversations.add(thread);
            }
            thread.start();
        }
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    URI uri(String scheme, String pathAndQuery) {
        return URI.create(scheme + "://127.0.0.1:" + port() + pathAndQuery);
    }

    /** Failures of conversations so far. */
    List<Throwable> failures() {
        return new ArrayList<>(failures);
    }

    /** Conversations are expected to fail (the client gives up on them); {@link #close()} then does not complain. */
    TestServer expectingFailures() {
        failuresExpected = true;
        return this;
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        List<Thread> started;
        try {
            acceptor.join(10_000);
            synchronized (conversations) {
                started = new ArrayList<>(conversations);
            }
            for (Thread thread : started) {
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the test server stopped", e);
        }
        if (!failuresExpected && !failures.isEmpty()) {
            AssertionError error = new AssertionError("the test server's conversation failed");
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }

    // ---------------------------------------------------------------- HTTP helpers

    /** Reads an HTTP head byte by byte, so no byte after it is consumed; null at end of stream. */
    static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.length() == 0 ? null : head.toString();
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** The value of a header field in a head, ignoring the name's case; null when absent. */
    static String headerValue(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    /** The accept value for a key, computed here independently of the code under test (RFC 6455 section 4.2.2). */
    static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A correct 101 answer to an upgrade request head. */
    static String switchingProtocols(String requestHead) {
        return "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptFor(headerValue(requestHead, "Sec-WebSocket-Key")) + "\r\n"
                + "\r\n";
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads the request head and answers 101; returns the request head. */
    static String acceptUpgrade(Socket socket) throws IOException {
        String head = readHead(socket.getInputStream());
        if (head == null) {
            throw new IOException("the client sent no upgrade request");
        }
        write(socket.getOutputStream(), switchingProtocols(head));
        return head;
    }
}
