package dev.duplex.tck;

import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * One Jetty 12.1 server with a single plain HTTP/1.1 connector and a collection of contexts that
 * web applications join and leave while it runs.
 *
 * <p>Thread-safety: {@link #start()} and {@link #stop()} must not race with each other or with
 * {@link #deploy}/{@link #undeploy}; those two may be called from any thread once the server runs
 * (Jetty's {@link ContextHandlerCollection} publishes its handler list atomically).
 */
final class EmbeddedJetty {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final ContextHandlerCollection contexts = new ContextHandlerCollection();

    /**
     * @param host the address to bind to
     * @param port the port, or 0 for any free one
     */
    EmbeddedJetty(String host, int port) {
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(contexts);
        server.setStopAtShutdown(true);
    }

    void start() throws Exception {
        server.start();
    }

    void stop() throws Exception {
        server.stop();
    }

    /** The port the connector listens on: the configured one, or the one the system chose. */
    int port() {
        return connector.getLocalPort();
    }

    /**
     * Adds the web application and starts it. Returns normally when the application failed to start
     * in a way Jetty reports through {@link WebAppContext#getUnavailableException()}; throws only if
     * Jetty itself could not handle the context.
     */
    void deploy(WebAppContext webApp) throws Exception {
        contexts.addHandler(webApp);
        try {
            webApp.start();
        } catch (Exception | Error e) {
            contexts.removeHandler(webApp);
            throw e;
        }
    }

    /** Stops the web application and takes it out of service; requests to it then answer 404. */
    void undeploy(WebAppContext webApp) throws Exception {
        try {
            webApp.stop();
        } finally {
            contexts.removeHandler(webApp);
            webApp.destroy();
        }
    }
}
