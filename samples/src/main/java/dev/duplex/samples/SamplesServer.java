package dev.duplex.samples;

import dev.duplex.cdi.DuplexCdi;
import dev.duplex.servlet.jetty.DuplexJetty;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jetty.ee11.servlet.DefaultServlet;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Serves the samples on embedded Jetty 12.1 with Duplex: the chat page at {@code /}, and the
 * endpoints {@code /echo}, {@code /chat/{room}} and {@code /reverse}. Weld SE creates the endpoints
 * ({@code duplex-cdi}), so the chat room's registry is an injected bean.
 *
 * <p>Port: the first argument, else the system property {@code port}, else 8080 (0 picks a free one).
 * Address: the system property {@code host} (for example {@code 127.0.0.1}), else every interface.
 */
public final class SamplesServer {
    private SamplesServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args.length > 0 ? args[0] : System.getProperty("port", "8080"));
        Server server = start(System.getProperty("host"), port);
        System.out.println("Duplex samples at http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort()
                + "/  (Ctrl-C stops)");
        server.join();
    }

    /** Starts the samples server on every interface; the caller stops it. */
    public static Server start(int port) throws Exception {
        return start(null, port);
    }

    /**
     * Starts the samples server; the caller stops it.
     *
     * @param host the address to listen on, or null for every interface
     * @param port the port, or 0 for a free one
     */
    public static Server start(String host, int port) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        context.setBaseResource(ResourceFactory.of(context).newClassLoaderResource("dev/duplex/samples/web/"));
        context.addServlet(new ServletHolder("static", DefaultServlet.class), "/");
        SamplesApplicationConfig application = new SamplesApplicationConfig();
        // The chat rooms are a CDI bean; Weld lives as long as the server.
        WeldContainer weld = new Weld("duplex-samples-" + UUID.randomUUID()).disableDiscovery()
                .addBeanClasses(ChatRooms.class).initialize();
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopped(LifeCycle event) {
                weld.shutdown();
            }
        });
        DuplexJetty.enable(context, container -> {
            DuplexCdi.enable(container, weld);
            for (ServerEndpointConfig config : application.getEndpointConfigs(Set.of())) {
                container.addEndpoint(config);
            }
            for (Class<?> annotated : application.getAnnotatedEndpointClasses(
                    Set.of(EchoEndpoint.class, ChatRoomEndpoint.class))) {
                container.addEndpoint(annotated);
            }
        });
        server.setHandler(context);
        server.start();
        return server;
    }
}
