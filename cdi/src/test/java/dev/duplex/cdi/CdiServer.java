package dev.duplex.cdi;

import dev.duplex.servlet.EndpointSetup;
import dev.duplex.servlet.jetty.DuplexJetty;
import jakarta.websocket.server.ServerContainer;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** An embedded Jetty on 127.0.0.1 and a port the system picks, serving one handler; stopping it ends every connection. */
final class CdiServer implements AutoCloseable {
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final AtomicReference<ServerContainer> container = new AtomicReference<>();

    private CdiServer(Handler handler) throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
    }

    /** Duplex in a servlet context at "/", endpoints added by {@code setup} as the context starts. */
    static CdiServer embedded(EndpointSetup setup) throws Exception {
        ServletContextHandler context = new ServletContextHandler("/");
        AtomicReference<ServerContainer> seen = new AtomicReference<>();
        DuplexJetty.enable(context, container -> {
            seen.set(container);
            setup.deploy(container);
        });
        CdiServer server = new CdiServer(context);
        server.container.set(seen.get());
        return server;
    }

    /** A handler of the test's own, a web application for one. */
    static CdiServer serving(Handler handler) throws Exception {
        return new CdiServer(handler);
    }

    /** The server container of {@link #embedded}; the application has started, so deployment errors reach only the caller. */
    ServerContainer container() {
        return container.get();
    }

    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
