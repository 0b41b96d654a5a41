package dev.duplex.servlet;

import java.net.URI;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An embedded Jetty 12.1 listening on 127.0.0.1 at a port the system picks, serving one handler
 * (a servlet context at "/" unless a test brings its own). Stopping it ends every connection.
 */
final class TestServer implements AutoCloseable {

    /** Configures the context before the server starts: enables Duplex, adds servlets, listeners... */
    @FunctionalInterface
    interface ContextSetup {
        void configure(ServletContextHandler context) throws Exception;
    }

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final Handler handler;

    private TestServer(Handler handler) {
        this.handler = handler;
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
    }

    /** Starts a server with one servlet context at "/", set up by {@code setup}. */
    static TestServer start(ContextSetup setup) throws Exception {
        ServletContextHandler context = new ServletContextHandler("/");
        setup.configure(context);
        return start(context);
    }

    /** Starts a server with the given handler. */
    static TestServer start(Handler handler) throws Exception {
        TestServer testServer = new TestServer(handler);
        try {
            testServer.server.start();
        } catch (Exception e) {
            testServer.close();
            throw e;
        }
        return testServer;
    }

    Server server() {
        return server;
    }

    /** The handler served: the servlet context for {@link #start(ContextSetup)}. */
    @SuppressWarnings("unchecked")
    <H extends Handler> H handler() {
        return (H) handler;
    }

    /** The connector, whose settings (such as its idle timeout) apply to connections made after a change. */
    ServerConnector connector() {
        return connector;
    }

    int port() {
        return connector.getLocalPort();
    }

    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
