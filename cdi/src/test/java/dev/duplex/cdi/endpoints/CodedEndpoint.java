package dev.duplex.cdi.endpoints;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Its decoder and encoder have beans injected. */
@ServerEndpoint(value = "/coded", decoders = NameDecoder.class, encoders = NameEncoder.class)
public class CodedEndpoint {
    @OnMessage
    public Name onMessage(Name name) {
        return name;
    }
}
