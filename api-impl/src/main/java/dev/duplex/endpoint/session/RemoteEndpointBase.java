package dev.duplex.endpoint.session;

import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What the basic and async remote endpoints share: the batching flag (one per remote endpoint,
 * RemoteEndpoint javadoc), the flush, and pings and pongs, which both send blocking.
 *
 * <p>Thread-safe.
 */
abstract class RemoteEndpointBase implements RemoteEndpoint {
    /** The largest control frame payload (RFC 6455 section 5.5). */
    static final int MAX_CONTROL_PAYLOAD = 125;

    final Outbound outbound;
    private volatile boolean batching;

    RemoteEndpointBase(Outbound outbound) {
        this.outbound = outbound;
    }

    @Override
    public void setBatchingAllowed(boolean allowed) throws IOException {
        boolean was = batching;
        batching = allowed;
        if (was && !allowed) {
            // RemoteEndpoint javadoc: turning batching off must send the batch at once.
            flushBatch();
        }
    }

    @Override
    public boolean getBatchingAllowed() {
        return batching;
    }

    @Override
    public void flushBatch() throws IOException {
        BlockingCallback done = new BlockingCallback();
        outbound.flushBatch(done);
        done.await();
    }

    /**
     * @throws IllegalArgumentException when the data is null or longer than 125 bytes
     */
    @Override
    public void sendPing(ByteBuffer applicationData) throws IOException {
        ByteBuffer data = controlPayload(applicationData, "ping");
        BlockingCallback done = new BlockingCallback();
        outbound.sendPing(data, done);
        done.await();
        applicationData.position(applicationData.limit());
    }

    /**
     * @throws IllegalArgumentException when the data is null or longer than 125 bytes
     */
    @Override
    public void sendPong(ByteBuffer applicationData) throws IOException {
        ByteBuffer data = controlPayload(applicationData, "pong");
        BlockingCallback done = new BlockingCallback();
        outbound.sendPong(data, done);
        done.await();
        applicationData.position(applicationData.limit());
    }

    private static ByteBuffer controlPayload(ByteBuffer applicationData, String what) {
        if (applicationData == null) {
            throw new IllegalArgumentException("the " + what + " application data is null");
        }
        if (applicationData.remaining() > MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("the " + what + " application data is " + applicationData.remaining()
                    + " bytes; at most " + MAX_CONTROL_PAYLOAD + " fit in a control frame (RFC 6455 section 5.5;"
                    + " RemoteEndpoint javadoc, send" + Character.toUpperCase(what.charAt(0)) + what.substring(1) + ")");
        }
        return applicationData.duplicate();
    }

    static <T> T requireArgument(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        return value;
    }
}
