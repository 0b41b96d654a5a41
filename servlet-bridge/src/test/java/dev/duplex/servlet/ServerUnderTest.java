package dev.duplex.servlet;

import dev.duplex.servlet.jetty.DuplexJetty;
import dev.duplex.servlet.tomcat.DuplexTomcat;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import org.apache.catalina.LifecycleState;
import org.eclipse.jetty.ee11.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.webapp.Configuration;
import org.eclipse.jetty.ee11.webapp.FragmentConfiguration;
import org.eclipse.jetty.ee11.webapp.JettyWebXmlConfiguration;
import org.eclipse.jetty.ee11.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.ee11.webapp.WebInfConfiguration;
import org.eclipse.jetty.ee11.webapp.WebXmlConfiguration;
import org.eclipse.jetty.server.handler.ContextHandler;

/**
 * Duplex in one application at "/" on one of the two containers, enabled by the container's one-call helper
 * ({@link DuplexJetty}, {@link DuplexTomcat}) and set up through the Servlet API alone, so that a test runs the
 * same on both.
 */
final class ServerUnderTest implements AutoCloseable {

    /** The containers every bridge test that is not about one of them runs on. */
    enum Container {
        JETTY,
        TOMCAT,
        /** Tomcat without Duplex's Tomcat adapter: the Servlet API alone ({@code dev.duplex.containerAdapter=portable}). */
        TOMCAT_PORTABLE
    }

    /** Sets the application up before Duplex's initializer runs: init parameters, servlets, filters. */
    @FunctionalInterface
    interface ContextSetup {
        void setUp(ServletContext context) throws Exception;
    }

    private final TestServer jetty;
    private final TomcatTestServer tomcat;

    private ServerUnderTest(TestServer jetty, TomcatTestServer tomcat) {
        this.jetty = jetty;
        this.tomcat = tomcat;
    }

    static ServerUnderTest start(Container container, EndpointSetup endpoints) throws Exception {
        return start(container, context -> {
        }, endpoints);
    }

    static ServerUnderTest start(Container container, ContextSetup setup, EndpointSetup endpoints) throws Exception {
        ServletContainerInitializer first = (classes, context) -> {
            try {
                setup.setUp(context);
            } catch (Exception e) {
                throw new IllegalStateException("setting up the test application failed", e);
            }
        };
        return switch (container) {
            case JETTY -> new ServerUnderTest(TestServer.start(context -> {
                context.addServletContainerInitializer(first);
                DuplexJetty.enable(context, endpoints::deploy);
            }), null);
            case TOMCAT, TOMCAT_PORTABLE -> new ServerUnderTest(null, TomcatTestServer.startEmbedded(context -> {
                if (container == Container.TOMCAT_PORTABLE) {
                    context.addParameter("dev.duplex.containerAdapter", "portable");
                }
                context.addServletContainerInitializer(first, Set.of());
                DuplexTomcat.enable(context, endpoints);
            }));
        };
    }

    /**
     * The unpacked web application {@code war} at "/app", deployed as the container deploys a WAR (Jetty's
     * {@code WebAppContext} with annotation scanning, Tomcat's {@code ContextConfig}), Duplex on the container's
     * class path unless the WAR brings it.
     */
    static ServerUnderTest startWar(Container container, Path war) throws Exception {
        return container == Container.JETTY
                ? new ServerUnderTest(TestServer.start(webApp(war)), null)
                : new ServerUnderTest(null, TomcatTestServer.startWar(war));
    }

    private static WebAppContext webApp(Path war) {
        WebAppContext context = new WebAppContext();
        context.setContextPath("/app");
        context.setWar(war.toString());
        context.setParentLoaderPriority(false);
        context.setConfigurations(new Configuration[] {
            new WebInfConfiguration(), new WebXmlConfiguration(), new MetaInfConfiguration(),
            new FragmentConfiguration(), new WebAppConfiguration(), new AnnotationConfiguration(),
            new JettyWebXmlConfiguration()
        });
        return context;
    }

    /** Whether the application is up: started and in service. */
    boolean applicationAvailable() {
        return jetty != null ? jetty.<ContextHandler>handler().isAvailable()
                : tomcat.context().getState() == LifecycleState.STARTED;
    }

    int port() {
        return jetty != null ? jetty.port() : tomcat.port();
    }

    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** Stops the application (as an undeploy does), leaving the server up. */
    void stopApplication() throws Exception {
        if (jetty != null) {
            jetty.<ServletContextHandler>handler().stop();
        } else {
            tomcat.context().stop();
        }
    }

    @Override
    public void close() throws Exception {
        if (jetty != null) {
            jetty.close();
        } else {
            tomcat.close();
        }
    }
}
