package dev.duplex.endpoint.session;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.util.concurrent.atomic.AtomicInteger;

/** Coders that count their init and destroy calls. */
final class CountingCoders {
    static final AtomicInteger initialised = new AtomicInteger();
    static final AtomicInteger destroyed = new AtomicInteger();

    private CountingCoders() {
    }

    static void reset() {
        initialised.set(0);
        destroyed.set(0);
    }

    public record Token(String value) {
    }

    public static final class CountingDecoder implements Decoder.Text<Token> {
        @Override
        public void init(EndpointConfig config) {
            initialised.incrementAndGet();
        }

        @Override
        public void destroy() {
            destroyed.incrementAndGet();
        }

        @Override
        public Token decode(String s) {
            return new Token(s);
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    public static final class CountingEncoder implements Encoder.Text<Token> {
        @Override
        public void destroy() {
            destroyed.incrementAndGet();
        }

        @Override
        public String encode(Token token) {
            return token.value();
        }
    }
}
