package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.servlet.jetty.DuplexJetty;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Duplex on embedded Jetty, talked to by the JDK's {@code java.net.http.WebSocket}. */
class JdkClientEchoTest {
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
    void textMessageIsEchoed() throws Exception {
        JdkClient client = JdkClient.connect(server.ws("/echo"));
        client.send("héllo");
        assertEquals("héllo", client.nextText());
        assertEquals(new JdkClient.Close(1000, ""), client.closeNormally());
    }

    @Test
    void textMessageOfSeveralMebibytesIsEchoedWhole() throws Exception {
        String text = TestEndpoints.bigText();
        JdkClient client = JdkClient.connect(server.ws("/echo"));
        client.send(text);
        String reply = client.nextText();
        assertEquals(TestEndpoints.BIG, reply.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(text, reply);
        client.closeNormally();
    }

    @Test
    void binaryMessageOfSeveralMebibytesIsEchoedWhole() throws Exception {
        ByteBuffer data = TestEndpoints.bigBinary();
        JdkClient client = JdkClient.connect(server.ws("/echo"));
        client.socket.sendBinary(data.duplicate(), true).get(JdkClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals(data, client.nextBinary());
        client.closeNormally();
    }

    @Test
    void textSentInFragmentsArrivesAsOneMessage() throws Exception {
        JdkClient client = JdkClient.connect(server.ws("/echo"));
        client.socket.sendText("frag", false).get(JdkClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        client.socket.sendText("men", false).get(JdkClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        client.socket.sendText("t ✓", true).get(JdkClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals("fragment ✓", client.nextText());
        client.closeNormally();
    }

    @Test
    void binarySentInFragmentsArrivesAsOneMessage() throws Exception {
        JdkClient client = JdkClient.connect(server.ws("/echo"));
        ByteBuffer whole = TestEndpoints.bigBinary();
        int third = whole.remaining() / 3;
        client.socket.sendBinary(whole.duplicate().limit(third), false).get(JdkClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        client.socket.sendBinary(whole.duplicate().position(third).limit(2 * third), false)
                .get(JdkClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        client.socket.sendBinary(whole.duplicate().position(2 * third), true)
                .get(JdkClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals(whole, client.nextBinary());
        client.closeNormally();
    }

    @Test
    void pingIsAnsweredWithPongCarryingItsPayload() throws Exception {
        JdkClient client = JdkClient.connect(server.ws("/echo"));
        ByteBuffer payload = ByteBuffer.wrap("are you there?".getBytes(StandardCharsets.US_ASCII));
        client.socket.sendPing(payload.duplicate()).get(JdkClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals(payload, client.nextPong());
        client.closeNormally();
    }

    @Test
    void subprotocolIsTheClientsFirstChoiceTheServerSupports() throws Exception {
        JdkClient client = JdkClient.connect(server.ws("/protocols"), "chat.v3", "chat.v1", "chat.v2");
        assertEquals("chat.v1", client.socket.getSubprotocol());
        assertEquals("subprotocol=chat.v1", client.nextText());
        client.closeNormally();
    }

    @Test
    void noSubprotocolIsAgreedWhenNoneMatches() throws Exception {
        JdkClient client = JdkClient.connect(server.ws("/protocols"), "chat.v3");
        assertEquals("", client.socket.getSubprotocol());
        assertEquals("subprotocol=", client.nextText());
        client.closeNormally();
    }
}
