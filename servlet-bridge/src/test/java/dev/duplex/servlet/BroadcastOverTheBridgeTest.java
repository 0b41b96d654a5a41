package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.endpoint.session.BroadcastResult;
import dev.duplex.endpoint.session.Broadcaster;
import dev.duplex.servlet.ServerUnderTest.Container;
import dev.duplex.transport.WriteQueueFullException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Broadcaster} on Jetty with raw-socket peers: each open session gets each broadcast message
 * exactly once, closed sessions are skipped, and a peer that stops reading fails once its write
 * queue ({@code dev.duplex.maxQueuedBytes}) is full without holding up the others.
 */
class BroadcastOverTheBridgeTest {
    static final int SESSIONS = 1000;
    static final int CLOSED = 50;
    static final int BOUND = 64 * 1024;
    static final int CHUNK = 32 * 1024;
    static final int MAX_BROADCASTS = 2048;

    @ServerEndpoint("/room")
    public static class Room {
        static final Broadcaster BROADCASTER = Broadcaster.create();
        static final Set<Session> ALL = ConcurrentHashMap.newKeySet();
        static volatile CountDownLatch opened = new CountDownLatch(0);
        static volatile CountDownLatch closed = new CountDownLatch(0);

        @OnOpen
        public void open(Session session) {
            BROADCASTER.join(session, "room:42");
            ALL.add(session);
            opened.countDown();
        }

        @OnClose
        public void close(Session session) {
            closed.countDown();
        }
    }

    @Test
    void eachOpenSessionGetsEachMessageOnceAndClosedOnesAreSkipped() throws Exception {
        Room.ALL.clear();
        Room.opened = new CountDownLatch(SESSIONS);
        Room.closed = new CountDownLatch(CLOSED);
        try (ServerUnderTest server = ServerUnderTest.start(Container.JETTY, deploy -> deploy.addEndpoint(Room.class))) {
            List<Socket> peers = connect(server, SESSIONS, 0);
            try {
                assertTrue(Room.opened.await(30, TimeUnit.SECONDS));
                for (Socket peer : peers.subList(0, CLOSED)) {
                    peer.getOutputStream().write(maskedClose());
                }
                assertTrue(Room.closed.await(30, TimeUnit.SECONDS));
                assertEquals(SESSIONS - CLOSED, Room.BROADCASTER.members("room:42").size(), "closed sessions left the group");

                BroadcastResult first = Room.BROADCASTER.sendText(Room.ALL, "first").get(30, TimeUnit.SECONDS);
                BroadcastResult second = Room.BROADCASTER.sendTextToGroup("room:42", "second").get(30, TimeUnit.SECONDS);

                assertEquals(SESSIONS - CLOSED, first.delivered().size(), first::toString);
                assertEquals(CLOSED, first.skipped().size(), first::toString);
                assertEquals(SESSIONS - CLOSED, second.delivered().size(), second::toString);
                for (Socket peer : peers.subList(CLOSED, SESSIONS)) {
                    DataInputStream in = new DataInputStream(peer.getInputStream());
                    assertArrayEquals(textFrame("first"), in.readNBytes(2 + 5));
                    assertArrayEquals(textFrame("second"), in.readNBytes(2 + 6)); // no repeat of the first
                }
            } finally {
                for (Socket peer : peers) {
                    peer.close();
                }
            }
        }
    }

    @Test
    void aPeerThatStopsReadingFailsAtItsBoundWithoutDelayingTheOthers() throws Exception {
        Room.ALL.clear();
        Room.opened = new CountDownLatch(11);
        try (ServerUnderTest server = ServerUnderTest.start(Container.JETTY,
                context -> context.setInitParameter("dev.duplex.maxQueuedBytes", Integer.toString(BOUND)),
                deploy -> deploy.addEndpoint(Room.class))) {
            List<Socket> peers = connect(server, 1, 8 * 1024); // the slow one: it never reads
            peers.addAll(connect(server, 10, 0));
            try {
                assertTrue(Room.opened.await(30, TimeUnit.SECONDS));
                ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
                List<CompletableFuture<BroadcastResult>> broadcasts = new ArrayList<>();
                BroadcastResult refused = null;
                // Far more than loopback buffers and the bound hold: the slow peer's queue fills. The fast
                // peers read every message meanwhile, while the slow peer's earlier messages are still queued.
                while (refused == null && broadcasts.size() < MAX_BROADCASTS) {
                    broadcasts.add(Room.BROADCASTER.sendBinary(Room.ALL, chunk));
                    drain(peers.subList(1, peers.size()), CHUNK);
                    refused = broadcasts.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join)
                            .filter(result -> !result.failed().isEmpty()).findFirst().orElse(null);
                }
                assertNotNull(refused, "the slow peer's queue never filled in " + MAX_BROADCASTS + " broadcasts");
                assertEquals(10, refused.delivered().size(), refused::toString);
                assertEquals(1, refused.failed().size(), refused::toString);
                assertInstanceOf(WriteQueueFullException.class, refused.failed().values().iterator().next());

                peers.get(0).close(); // what the slow peer still had queued fails; every broadcast completes
                CompletableFuture.allOf(broadcasts.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                for (CompletableFuture<BroadcastResult> broadcast : broadcasts) {
                    assertEquals(11, broadcast.join().delivered().size() + broadcast.join().failed().size());
                    assertTrue(broadcast.join().delivered().size() >= 10, broadcast.join()::toString);
                }
            } finally {
                for (Socket peer : peers) {
                    peer.close();
                }
            }
        }
    }

    private static List<Socket> connect(ServerUnderTest server, int count, int receiveBuffer) throws IOException {
        List<Socket> peers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket peer = new Socket();
            if (receiveBuffer > 0) {
                peer.setReceiveBufferSize(receiveBuffer);
            }
            peer.connect(new InetSocketAddress("127.0.0.1", server.port()));
            peer.setSoTimeout(30_000);
            peers.add(peer);
            RawHttp.upgrade(peer, "/room");
        }
        return peers;
    }

    /** Reads one binary frame of {@code size} bytes (16-bit length form) from each peer. */
    private static void drain(List<Socket> peers, int size) throws IOException {
        for (Socket peer : peers) {
            byte[] head = peer.getInputStream().readNBytes(4);
            assertEquals((byte) 0x82, head[0]);
            assertEquals(size, ((head[2] & 0xff) << 8) | (head[3] & 0xff));
            assertEquals(size, peer.getInputStream().readNBytes(size).length);
        }
    }

    private static byte[] textFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[2 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        return frame;
    }

    /** A masked close frame with no payload (RFC 6455 section 5.5.1). */
    private static byte[] maskedClose() {
        return new byte[] {(byte) 0x88, (byte) 0x80, 1, 2, 3, 4};
    }
}
