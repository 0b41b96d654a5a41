package dev.duplex.endpoint.annotation;

import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A Basic remote that records what {@code sendObject} is given, or fails with a chosen exception. */
final class RecordingBasicRemote implements RemoteEndpoint.Basic {
    final List<Object> sentObjects = new ArrayList<>();
    Exception failure;

    @Override
    public void sendObject(Object data) throws IOException, EncodeException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof EncodeException e) {
            throw e;
        }
        sentObjects.add(data);
    }

    @Override
    public void sendText(String text) {
        throw new UnsupportedOperationException("the adapter sends return values with sendObject");
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        throw new UnsupportedOperationException("the adapter sends return values with sendObject");
    }

    @Override
    public void sendText(String partialMessage, boolean isLast) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendBinary(ByteBuffer partialByte, boolean isLast) {
        throw new UnsupportedOperationException();
    }

    @Override
    public OutputStream getSendStream() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Writer getSendWriter() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setBatchingAllowed(boolean allowed) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean getBatchingAllowed() {
        return false;
    }

    @Override
    public void flushBatch() {
    }

    @Override
    public void sendPing(ByteBuffer applicationData) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendPong(ByteBuffer applicationData) {
        throw new UnsupportedOperationException();
    }
}
