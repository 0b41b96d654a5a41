package dev.duplex.samples;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/** Sends every text and binary message back as it came, accepting messages up to 16 MiB. */
@ServerEndpoint("/echo")
public class EchoEndpoint {
    static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

    @OnMessage(maxMessageSize = MAX_MESSAGE_SIZE)
    public String echo(String text) {
        return text;
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE_SIZE)
    public ByteBuffer echo(ByteBuffer data) {
        return data;
    }
}
