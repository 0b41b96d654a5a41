package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.servlet.jetty.DuplexJetty;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Duplex on embedded Jetty, talked to by Jetty's own WebSocket client. */
class JettyClientEchoTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(context -> DuplexJetty.enable(context, container -> {
            container.addEndpoint(TestEndpoints.Echo.class);
            container.addEndpoint(TestEndpoints.Protocols.class);
        }));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void textMessageOfSeveralMebibytesIsEchoedWhole() throws Exception {
        String text = TestEndpoints.bigText();
        try (JettyClient client = JettyClient.connect(server.ws("/echo"))) {
            JettyClient.await(done -> client.session.sendText(text, done));
            String reply = client.nextText();
            assertEquals(TestEndpoints.BIG, reply.getBytes(StandardCharsets.UTF_8).length);
            assertEquals(text, reply);
        }
    }

    @Test
    void binaryMessageOfSeveralMebibytesIsEchoedWhole() throws Exception {
        ByteBuffer data = TestEndpoints.bigBinary();
        try (JettyClient client = JettyClient.connect(server.ws("/echo"))) {
            JettyClient.await(done -> client.session.sendBinary(data.duplicate(), done));
            assertEquals(data, client.nextBinary());
        }
    }

    @Test
    void textSentInFragmentsArrivesAsOneMessage() throws Exception {
        try (JettyClient client = JettyClient.connect(server.ws("/echo"))) {
            JettyClient.await(done -> client.session.sendPartialText("frag", false, done));
            JettyClient.await(done -> client.session.sendPartialText("men", false, done));
            JettyClient.await(done -> client.session.sendPartialText("t ✓", true, done));
            assertEquals("fragment ✓", client.nextText());
        }
    }

    @Test
    void binarySentInFragmentsArrivesAsOneMessage() throws Exception {
        ByteBuffer whole = TestEndpoints.bigBinary();
        int half = whole.remaining() / 2;
        try (JettyClient client = JettyClient.connect(server.ws("/echo"))) {
            JettyClient.await(done -> client.session.sendPartialBinary(whole.duplicate().limit(half), false, done));
            JettyClient.await(done -> client.session.sendPartialBinary(whole.duplicate().position(half), true, done));
            assertEquals(whole, client.nextBinary());
        }
    }

    @Test
    void pingIsAnsweredWithPongCarryingItsPayload() throws Exception {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {0, 1, 2, 3, (byte) 0xff});
        try (JettyClient client = JettyClient.connect(server.ws("/echo"))) {
            JettyClient.await(done -> client.session.sendPing(payload.duplicate(), done));
            assertEquals(payload, client.nextPong());
        }
    }

    @Test
    void subprotocolIsTheClientsFirstChoiceTheServerSupports() throws Exception {
        try (JettyClient client = JettyClient.connect(server.ws("/protocols"), "chat.v2", "chat.v1")) {
            assertEquals("chat.v2", client.session.getUpgradeResponse().getAcceptedSubProtocol());
            assertEquals("subprotocol=chat.v2", client.nextText());
        }
    }

    @Test
    void closeFromTheClientIsAnsweredWithTheSameCode() throws Exception {
        try (JettyClient client = JettyClient.connect(server.ws("/echo"))) {
            client.session.close(4000, "bye", org.eclipse.jetty.websocket.api.Callback.NOOP);
            assertEquals(4000, client.awaitClose().code());
        }
    }
}
