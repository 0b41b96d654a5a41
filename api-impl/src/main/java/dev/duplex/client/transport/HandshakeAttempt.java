package dev.duplex.client.transport;

import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

/**
 * One opening handshake, from name resolution to the server's response head: TCP connect,
 * the proxy's CONNECT, TLS, then the upgrade GET (RFC 6455 section 4.1). Lives on one selector
 * loop; resolution alone runs on the resolver executor. Ends by completing the future, exactly
 * once: with a {@link ClientConnection} when a response head arrived, whatever its status, or
 * with the failure; a failed attempt leaves no open channel and no registered key.
 *
 * <p>Thread-safety: confined to its loop's thread, except {@link #start} (any thread hands it to the loop).
 */
final class HandshakeAttempt implements SelectionHandler {
    private static final System.Logger LOG = System.getLogger(HandshakeAttempt.class.getName());
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private enum Stage {
        RESOLVING("resolving the host"),
        CONNECTING("opening the TCP connection"),
        PROXY_REQUEST("sending CONNECT to the proxy"),
        PROXY_RESPONSE("waiting for the proxy's answer to CONNECT"),
        TLS_HANDSHAKE("in the TLS handshake"),
        UPGRADE_REQUEST("sending the upgrade request"),
        UPGRADE_RESPONSE("waiting for the HTTP response to the upgrade request"),
        DONE("done");

        final String description;

        Stage(String description) {
            this.description = description;
        }
    }

    private final ConnectRequest request;
    private final SelectorLoop loop;
    private final HostResolver resolver;
    private final Executor resolverExecutor;
    private final CompletableFuture<ClientConnection> future;
    private final long startNanos;

    private Stage stage = Stage.RESOLVING;
    private SelectorLoop.Deadline connectDeadline;
    private SelectorLoop.Deadline handshakeDeadline;
    private SocketChannel channel;
    private SelectionKey key;
    private Wire wire;
    private ByteBuffer outgoing;
    private HttpResponseParser parser;

    HandshakeAttempt(ConnectRequest request, SelectorLoop loop, HostResolver resolver, Executor resolverExecutor,
            CompletableFuture<ClientConnection> future) {
        this.request = request;
        this.loop = loop;
        this.resolver = resolver;
        this.resolverExecutor = resolverExecutor;
        this.future = future;
        this.startNanos = System.nanoTime();
    }

    /** Hands the attempt to its loop; fails the future if the connector is closed. */
    void start() {
        try {
            loop.execute(this::begin);
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new IOException("the client connector is closed", e));
        }
    }

    /** Ends the attempt because the caller gave up on it (the future was cancelled). */
    void abandon() {
        loop.executeOrRunHere(() -> fail(new IOException("the connection attempt was cancelled")));
    }

    // ---------------------------------------------------------------- stages, on the loop thread

    private void begin() {
        if (future.isDone()) {
            return; // cancelled before it started
        }
        loop.join(this);
        long elapsed = System.nanoTime() - startNanos;
        connectDeadline = loop.schedule(request.connectTimeout().toNanos() - elapsed,
                () -> fail(new ConnectTimeoutException("connect timeout of " + request.connectTimeout().toMillis()
                        + " ms expired while " + stage.description + " (connecting to " + connectTarget() + ")")));
        handshakeDeadline = loop.schedule(request.handshakeTimeout().toNanos() - elapsed,
                () -> fail(new HandshakeTimeoutException("handshake timeout of " + request.handshakeTimeout().toMillis()
                        + " ms expired while " + stage.description + " (" + request.uri() + ")")));
        InetSocketAddress target = request.proxy() != null ? request.proxy()
                : InetSocketAddress.createUnresolved(unbracketed(request.host()), request.port());
        if (!target.isUnresolved()) {
            onResolved(target);
            return;
        }
        try {
            resolverExecutor.execute(() -> resolve(target));
        } catch (RejectedExecutionException e) {
            fail(new IOException("the client connector is closed", e));
        }
    }

    /** On the resolver thread: the one blocking step. */
    private void resolve(InetSocketAddress target) {
        Runnable next;
        try {
            InetAddress address = resolver.resolve(target.getHostString());
            InetSocketAddress resolved = new InetSocketAddress(address, target.getPort());
            next = () -> onResolved(resolved);
        } catch (IOException | RuntimeException e) {
            next = () -> fail(e);
        }
        try {
            loop.execute(next);
        } catch (RejectedExecutionException closed) {
            // The loop ended the attempt when it stopped.
        }
    }

    private void onResolved(InetSocketAddress address) {
        if (stage != Stage.RESOLVING) {
            return; // timed out or cancelled meanwhile
        }
        stage = Stage.CONNECTING;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(address);
            key = channel.register(loop.selector(), connected ? 0 : SelectionKey.OP_CONNECT, this);
            if (connected) {
                onConnected();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void onReady(int readyOps) throws IOException {
        switch (stage) {
            case CONNECTING -> {
                if (channel.finishConnect()) {
                    onConnected();
                }
            }
            case PROXY_REQUEST -> sendProxyRequest();
            case PROXY_RESPONSE -> readProxyResponse();
            case TLS_HANDSHAKE -> continueTls();
            case UPGRADE_REQUEST -> sendUpgradeRequest();
            case UPGRADE_RESPONSE -> readUpgradeResponse();
            default -> key.interestOps(0);
        }
    }

    private void onConnected() throws IOException {
        connectDeadline.cancel();
        wire = new PlainWire(channel);
        if (request.proxy() != null) {
            stage = Stage.PROXY_REQUEST;
            outgoing = RequestEncoder.connect(request);
            sendProxyRequest();
        } else {
            startSecureOrUpgrade();
        }
    }

    private void sendProxyRequest() throws IOException {
        if (!wire.write(new ByteBuffer[] {outgoing})) {
            key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        stage = Stage.PROXY_RESPONSE;
        parser = new HttpResponseParser(request.maxResponseHeadBytes());
        key.interestOps(SelectionKey.OP_READ);
    }

    private void readProxyResponse() throws IOException {
        HttpResponseParser.ResponseHead head = readHead("the proxy closed the connection before answering CONNECT");
        if (head == null) {
            return;
        }
        if (head.status() / 100 != 2) {
            throw new ProxyConnectException("the proxy " + proxyName() + " refused to open a tunnel to "
                    + request.host() + ":" + request.port() + ": " + head.status()
                    + (head.reason().isEmpty() ? "" : " " + head.reason()), head.status(), head.headers());
        }
        // 2xx: from here on the connection is a tunnel to the server (RFC 9110 section 9.3.6).
        startSecureOrUpgrade();
    }

    private void startSecureOrUpgrade() throws IOException {
        if (request.isSecure()) {
            stage = Stage.TLS_HANDSHAKE;
            SSLEngine engine = newEngine();
            ByteBuffer received = wire.plaintext(); // anything after the proxy's answer is TLS already
            wire = new TlsWire(channel, engine, received);
            engine.beginHandshake();
            continueTls();
        } else {
            startUpgrade();
        }
    }

    private SSLEngine newEngine() throws IOException {
        SSLContext context = request.sslContext();
        if (context == null) {
            try {
                context = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IOException("no default TLS context is available", e);
            }
        }
        String host = unbracketed(request.host());
        SSLEngine engine = context.createSSLEngine(host, request.port());
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        if (request.hostnameVerification()) {
            // RFC 2818 section 3.1 / RFC 6125: the certificate must name the host of the URI.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(request.host())) {
            // RFC 6066 section 3: SNI carries host names only, never literal addresses.
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    private void continueTls() throws IOException {
        TlsWire tls = (TlsWire) wire;
        TlsWire.Step step;
        try {
            step = tls.handshake();
        } catch (SSLException e) {
            SSLHandshakeException named = new SSLHandshakeException("TLS handshake with " + request.host() + ":"
                    + request.port() + " failed: " + e.getMessage());
            named.initCause(e);
            throw named;
        }
        switch (step) {
            case NEED_READ -> key.interestOps(SelectionKey.OP_READ);
            case NEED_WRITE -> key.interestOps(SelectionKey.OP_WRITE);
            case DONE -> startUpgrade();
        }
    }

    private void startUpgrade() throws IOException {
        stage = Stage.UPGRADE_REQUEST;
        outgoing = RequestEncoder.upgrade(request);
        sendUpgradeRequest();
    }

    private void sendUpgradeRequest() throws IOException {
        if (!wire.write(new ByteBuffer[] {outgoing})) {
            key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        stage = Stage.UPGRADE_RESPONSE;
        parser = new HttpResponseParser(request.maxResponseHeadBytes());
        key.interestOps(SelectionKey.OP_READ);
        readUpgradeResponse(); // bytes may already be waiting in the wire's buffers
    }

    private void readUpgradeResponse() throws IOException {
        HttpResponseParser.ResponseHead head =
                readHead("the server closed the connection before answering the upgrade request");
        if (head != null) {
            complete(head);
        }
    }

    /** Feeds the parser from the wire until the head is complete or no more bytes are there now. */
    private HttpResponseParser.ResponseHead readHead(String endOfStreamMessage) throws IOException {
        while (true) {
            HttpResponseParser.ResponseHead head = parser.feed(wire.plaintext());
            if (head != null) {
                return head;
            }
            int read = wire.fill();
            if (read < 0) {
                throw new EOFException(endOfStreamMessage);
            }
            if (read == 0) {
                return null;
            }
        }
    }

    // ---------------------------------------------------------------- ending

    private void complete(HttpResponseParser.ResponseHead head) {
        stage = Stage.DONE;
        cancelDeadlines();
        loop.leave(this);
        key.interestOps(0);
        ByteBuffer leftover = ByteBuffer.allocate(wire.plaintext().remaining());
        leftover.put(0, wire.plaintext(), wire.plaintext().position(), leftover.capacity());
        UpgradeResponse response = new UpgradeResponse(head.status(), head.reason(), head.headers(), leftover);
        ClientConnection connection = new ClientConnection(loop, channel, key, wire, request, response);
        if (head.status() != 101) {
            // Not upgraded: the caller only needs the status and headers; the channel goes now.
            connection.refuse();
        }
        if (!future.complete(connection)) {
            connection.abort(); // the caller cancelled meanwhile
        }
    }

    private void fail(Throwable cause) {
        if (stage == Stage.DONE) {
            return;
        }
        Stage failedStage = stage;
        stage = Stage.DONE;
        cancelDeadlines();
        loop.leave(this);
        closeChannel();
        LOG.log(Level.DEBUG, () -> "connecting to " + request.uri() + " failed while " + failedStage.description
                + ": " + cause);
        future.completeExceptionally(cause);
    }

    private void cancelDeadlines() {
        if (connectDeadline != null) {
            connectDeadline.cancel();
        }
        if (handshakeDeadline != null) {
            handshakeDeadline.cancel();
        }
    }

    private void closeChannel() {
        if (channel == null) {
            return;
        }
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing a failed connection attempt's channel failed", e);
        }
    }

    @Override
    public void onError(Throwable cause) {
        fail(cause);
    }

    @Override
    public void onShutdown(IOException cause) {
        fail(cause);
    }

    private String connectTarget() {
        return request.proxy() != null ? "the proxy " + proxyName() : request.host() + ":" + request.port();
    }

    private String proxyName() {
        return request.proxy().getHostString() + ":" + request.proxy().getPort();
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isIpLiteral(String host) {
        return host.startsWith("[") || IPV4_LITERAL.matcher(host).matches();
    }
}
