package dev.duplex.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 to a server's port, which a test can {@link #cut()} (every connection through it ends at
 * once without a close frame, as when the network drops) or have {@link #refuseNext refuse} the next connections
 * (accepted, then closed before any byte is answered). One accepting thread and two copying threads per connection,
 * all daemons, all ended by {@link #close()}.
 */
final class TcpRelay implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger toRefuse = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    private TcpRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        daemon("relay-accept", this::acceptAll).start();
    }

    static TcpRelay to(int targetPort) throws IOException {
        return new TcpRelay(targetPort);
    }

    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + path);
    }

    /** The next {@code count} connections are closed as soon as they are accepted. */
    void refuseNext(int count) {
        toRefuse.set(count);
    }

    /** Ends every connection now, both ways. */
    void cut() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    /** How many connections have been accepted, refused ones included. */
    int accepted() {
        return accepted.get();
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            accepted.incrementAndGet();
            if (toRefuse.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 10_000);
                sockets.add(client);
                sockets.add(server);
                daemon("relay-up", () -> copy(client, server)).start();
                daemon("relay-down", () -> copy(server, client)).start();
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void copy(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ended) {
            // a cut, or the other side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }
}
