package dev.duplex.endpoint.annotation;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Session test double: records the handlers added through the Class-typed overloads and the
 * maximum message sizes set, serves fixed path parameters, and hands out a {@link RecordingBasicRemote}.
 * Everything the adapter must not use throws.
 */
final class FakeSession implements Session {

    /** One {@code addMessageHandler(Class, handler)} call. */
    record Registration(Class<?> type, MessageHandler handler) {
    }

    final List<Registration> registrations = new ArrayList<>();
    final Map<String, String> pathParameters = new HashMap<>();
    final RecordingBasicRemote basicRemote = new RecordingBasicRemote();
    int maxTextMessageBufferSize = 8192;
    int maxBinaryMessageBufferSize = 8192;

    FakeSession pathParameter(String name, String value) {
        pathParameters.put(name, value);
        return this;
    }

    /** The handler registered for {@code type}; fails the test when there is none. */
    @SuppressWarnings("unchecked")
    <T> MessageHandler.Whole<T> whole(Class<T> type) {
        return (MessageHandler.Whole<T>) handler(type);
    }

    @SuppressWarnings("unchecked")
    <T> MessageHandler.Partial<T> partial(Class<T> type) {
        return (MessageHandler.Partial<T>) handler(type);
    }

    private MessageHandler handler(Class<?> type) {
        return registrations.stream().filter(r -> r.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no handler registered for " + type + " in " + registrations))
                .handler();
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Whole<T> handler) {
        registrations.add(new Registration(clazz, handler));
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Partial<T> handler) {
        registrations.add(new Registration(clazz, handler));
    }

    @Override
    public void addMessageHandler(MessageHandler handler) {
        throw new UnsupportedOperationException("the adapter must use the Class-typed overloads");
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        Set<MessageHandler> handlers = new LinkedHashSet<>();
        registrations.forEach(r -> handlers.add(r.handler()));
        return handlers;
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        registrations.removeIf(r -> r.handler() == handler);
    }

    @Override
    public Map<String, String> getPathParameters() {
        return pathParameters;
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        return basicRemote;
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        maxTextMessageBufferSize = length;
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        return maxTextMessageBufferSize;
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        maxBinaryMessageBufferSize = length;
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        return maxBinaryMessageBufferSize;
    }

    @Override
    public String getId() {
        return "fake-1";
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public WebSocketContainer getContainer() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    @Override
    public String getNegotiatedSubprotocol() {
        return "";
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        return List.of();
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public long getMaxIdleTimeout() {
        return 0;
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        throw new UnsupportedOperationException("the adapter sends return values through the Basic remote");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close(CloseReason closeReason) {
        throw new UnsupportedOperationException();
    }

    @Override
    public URI getRequestURI() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        return Map.of();
    }

    @Override
    public String getQueryString() {
        return null;
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return new HashMap<>();
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public Set<Session> getOpenSessions() {
        return Set.of(this);
    }
}
