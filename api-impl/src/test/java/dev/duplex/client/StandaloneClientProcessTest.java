package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.client.transport.TestCertificates;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.server.ServerContainer;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java program with only api-impl and the two Jakarta WebSocket API jars on its class path gets
 * Duplex from {@code ContainerProvider.getWebSocketContainer()} (the service file works on its own)
 * and talks to ws and wss echo servers; it then exits by itself, as every client thread is a daemon.
 */
@Timeout(180)
class StandaloneClientProcessTest {
    private static final String PROGRAM = """
            import jakarta.websocket.ClientEndpointConfig;
            import jakarta.websocket.ContainerProvider;
            import jakarta.websocket.Endpoint;
            import jakarta.websocket.EndpointConfig;
            import jakarta.websocket.MessageHandler;
            import jakarta.websocket.Session;
            import jakarta.websocket.WebSocketContainer;
            import java.net.URI;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.TimeUnit;

            public class StandaloneEcho {
                public static void main(String[] args) throws Exception {
                    WebSocketContainer container = ContainerProvider.getWebSocketContainer();
                    System.out.println("container " + container.getClass().getName());
                    for (String uri : args) {
                        CompletableFuture<String> reply = new CompletableFuture<>();
                        Session session = container.connectToServer(new Endpoint() {
                            @Override
                            public void onOpen(Session session, EndpointConfig config) {
                                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) reply::complete);
                            }
                        }, ClientEndpointConfig.Builder.create().build(), URI.create(uri));
                        session.getBasicRemote().sendText("hello from " + uri);
                        System.out.println("echo " + reply.get(20, TimeUnit.SECONDS));
                        session.close();
                    }
                }
            }
            """;

    @TempDir
    Path work;

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void programWithOnlyApiImplOnItsClassPathConnectsThroughContainerProvider() throws Exception {
        TestCertificates certificate = TestCertificates.create(work, "server", "127.0.0.1", "ip:127.0.0.1");
        Path trustStore = certificate.writeTrustStore(work.resolve("trust.p12"));
        Path program = work.resolve("StandaloneEcho.java");
        Files.writeString(program, PROGRAM);
        List<String> classPath = List.of(location(DuplexWebSocketContainer.class), location(ContainerProvider.class),
                location(ServerContainer.class));
        assertEquals(3, classPath.stream().distinct().count(), "api-impl and two distinct API jars: " + classPath);

        try (JettyTestServer plain = JettyTestServer.plain();
                JettyTestServer secure = JettyTestServer.tls(certificate.serverContext())) {
            URI ws = plain.uri("/echo");
            URI wss = secure.uri("/echo");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", String.join(File.pathSeparator, classPath),
                    "-Djavax.net.ssl.trustStore=" + trustStore,
                    "-Djavax.net.ssl.trustStoreType=PKCS12",
                    "-Djavax.net.ssl.trustStorePassword=" + TestCertificates.TRUST_STORE_PASSWORD,
                    program.toString(), ws.toString(), wss.toString()));
            Path output = work.resolve("output.txt");
            Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            boolean exited = process.waitFor(90, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(exited, "the program did not exit on its own:\n" + printed);

            assertEquals(0, process.exitValue(), printed);
            assertTrue(printed.contains("container " + DuplexWebSocketContainer.class.getName()), printed);
            assertTrue(printed.contains("echo hello from " + ws), printed);
            assertTrue(printed.contains("echo hello from " + wss), printed);
        }
    }
}
