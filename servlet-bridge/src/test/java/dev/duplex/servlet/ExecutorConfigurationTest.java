package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.client.DuplexWebSocketContainer;
import dev.duplex.endpoint.server.DuplexServerContainer;
import dev.duplex.servlet.jetty.DuplexJetty;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An application's own executor for its WebSocket callbacks: named in JNDI by a context parameter (as a Jakarta EE
 * server's {@code ManagedExecutorService} is), or set through the container's {@code setExecutor}.
 */
@Timeout(60)
class ExecutorConfigurationTest {
    /** Without a "java:" scheme, which the JDK would hand to a URL context of its own (Jetty brings one). */
    private static final String JNDI_NAME = "concurrent/webSocketCallbacks";
    private static final String THREAD_PREFIX = "application-executor-";
    private static volatile Object boundInJndi;

    /** A JNDI provider with one name, so the lookup is the JDK's real one; chosen by a system property. */
    public static final class OneNameContextFactory implements InitialContextFactory {
        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("lookup") && JNDI_NAME.equals(String.valueOf(args[0]))
                                && boundInJndi != null) {
                            return boundInJndi;
                        }
                        if (method.getName().equals("lookup")) {
                            throw new NameNotFoundException(String.valueOf(args[0]));
                        }
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    /** Reads each message as a stream, which Duplex runs on the executor, and answers with the thread's name. */
    @ServerEndpoint("/thread-name")
    public static class ThreadName {
        @OnMessage
        public void message(Reader reader, Session session) throws IOException {
            reader.transferTo(new StringWriter());
            session.getBasicRemote().sendText(Thread.currentThread().getName());
        }
    }

    private final AtomicInteger threadCount = new AtomicInteger();
    private final ExecutorService applicationExecutor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, THREAD_PREFIX + threadCount.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    @AfterEach
    void clear() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        boundInJndi = null;
        applicationExecutor.shutdownNow();
    }

    @Test
    void anExecutorNamedInJndiRunsTheApplicationsStreamHandlers() throws Exception {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, OneNameContextFactory.class.getName());
        boundInJndi = applicationExecutor;
        try (TestServer server = TestServer.start(context -> {
            context.setInitParameter(DuplexWebSocketApplication.EXECUTOR_PARAMETER, JNDI_NAME);
            DuplexJetty.enable(context, deploy -> deploy.addEndpoint(ThreadName.class));
        })) {
            assertTrue(threadNameAnswered(server, DuplexWebSocketContainer.create()).startsWith(THREAD_PREFIX));
        }
    }

    @Test
    void aNameThatFindsNoExecutorFailsTheApplicationsStart() {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, OneNameContextFactory.class.getName());
        boundInJndi = "not an executor";
        Exception failure = assertThrows(Exception.class, () -> TestServer.start(context -> {
            context.setInitParameter(DuplexWebSocketApplication.EXECUTOR_PARAMETER, JNDI_NAME);
            DuplexJetty.enable(context, deploy -> deploy.addEndpoint(ThreadName.class));
        }).close());
        assertTrue(causes(failure).contains("which is no java.util.concurrent.Executor"), causes(failure));
    }

    @Test
    void theServerAndClientContainersTakeAnExecutorThroughTheApi() throws Exception {
        try (TestServer server = TestServer.start(context -> DuplexJetty.enable(context, deploy -> {
            ((DuplexServerContainer) deploy).setExecutor(applicationExecutor);
            deploy.addEndpoint(ThreadName.class);
        }))) {
            ServerContainer deployed = (ServerContainer) server.<org.eclipse.jetty.ee11.servlet.ServletContextHandler>
                    handler().getServletContext().getAttribute(ServerContainer.class.getName());
            assertEquals(applicationExecutor, ((DuplexServerContainer) deployed).getExecutor());
            assertTrue(threadNameAnswered(server, DuplexWebSocketContainer.create()).startsWith(THREAD_PREFIX));

            // The client's deliveries run on the executor it was given.
            DuplexWebSocketContainer client = DuplexWebSocketContainer.create();
            Executor clientExecutor = task -> applicationExecutor.execute(() -> {
                Thread.currentThread().setName(THREAD_PREFIX + "client");
                task.run();
            });
            client.setExecutor(clientExecutor);
            CompletableFuture<String> handlerThread = new CompletableFuture<>();
            try {
                Session session = client.connectToServer(new Endpoint() {
                    @Override
                    public void onOpen(Session session, EndpointConfig config) {
                        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                                handlerThread.complete(Thread.currentThread().getName()));
                    }
                }, ClientEndpointConfig.Builder.create().build(), server.ws("/thread-name"));
                session.getBasicRemote().sendText("which thread?");
                assertEquals(THREAD_PREFIX + "client", handlerThread.get(10, TimeUnit.SECONDS));
                session.close();
            } finally {
                client.stop();
            }
        }
    }

    private static String threadNameAnswered(TestServer server, DuplexWebSocketContainer client) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        try {
            Session session = client.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig config) {
                    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) answer::complete);
                }
            }, ClientEndpointConfig.Builder.create().build(), server.ws("/thread-name"));
            session.getBasicRemote().sendText("which thread?");
            String name = answer.get(10, TimeUnit.SECONDS);
            session.close();
            return name;
        } finally {
            client.stop();
        }
    }

    private static String causes(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t).append(" / ");
        }
        return all.toString();
    }
}
