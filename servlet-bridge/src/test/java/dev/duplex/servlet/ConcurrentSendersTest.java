package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.client.DuplexWebSocketContainer;
import dev.duplex.servlet.jetty.DuplexJetty;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many threads sending on one server session at once, over the servlet bridge on Jetty (not only the in-memory
 * transport): every message reaches the client once, whole, and each thread's messages in the order it sent them
 * (the session's send queue takes them one at a time; RFC 6455 section 5.4 forbids interleaving their frames).
 */
@Timeout(120)
class ConcurrentSendersTest {
    private static final int THREADS = 8;
    private static final int MESSAGES = 1000;

    /** On "go", sends MESSAGES texts from each of THREADS threads at once, half of them with the basic remote. */
    @ServerEndpoint("/fan-in")
    public static class ManySenders {
        @OnOpen
        public void open(Session session) {
            session.setMaxTextMessageBufferSize(1 << 20);
        }

        @OnMessage
        public void go(String text, Session session) throws Exception {
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            try {
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<?>> senders = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    senders.add(threads.submit(() -> {
                        start.await();
                        // Sizes from 1 byte to 20 KB, so that some messages take several writes.
                        String padding = "x".repeat((thread * 997) % 20_000);
                        for (int i = 0; i < MESSAGES; i++) {
                            String message = thread + " " + i + " " + (i % 10 == 0 ? padding : "");
                            if (thread % 2 == 0) {
                                session.getBasicRemote().sendText(message);
                            } else {
                                session.getAsyncRemote().sendText(message).get(30, TimeUnit.SECONDS);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> sender : senders) {
                    sender.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdown();
            }
        }
    }

    @Test
    void messagesFromManyThreadsArriveOnceWholeAndInEachThreadsOrder() throws Exception {
        ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
        CountDownLatch all = new CountDownLatch(THREADS * MESSAGES);
        try (TestServer server = TestServer.start(context -> DuplexJetty.enable(context,
                deploy -> deploy.addEndpoint(ManySenders.class)))) {
            DuplexWebSocketContainer client = DuplexWebSocketContainer.create();
            client.setDefaultMaxTextMessageBufferSize(1 << 20);
            try {
                Session session = client.connectToServer(new Endpoint() {
                    @Override
                    public void onOpen(Session session, EndpointConfig config) {
                        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                            received.add(text);
                            all.countDown();
                        });
                    }
                }, ClientEndpointConfig.Builder.create().build(), server.ws("/fan-in"));
                session.getBasicRemote().sendText("go");
                assertTrue(all.await(90, TimeUnit.SECONDS), "received " + received.size());
                int[] next = new int[THREADS];
                for (String message : received) {
                    String[] parts = message.split(" ", 3);
                    int thread = Integer.parseInt(parts[0]);
                    int index = Integer.parseInt(parts[1]);
                    assertEquals(next[thread], index, "thread " + thread + "'s messages out of order");
                    int padding = index % 10 == 0 ? (thread * 997) % 20_000 : 0;
                    assertEquals(padding, parts[2].length(), "message " + thread + " " + index + " not whole");
                    next[thread]++;
                }
                for (int t = 0; t < THREADS; t++) {
                    assertEquals(MESSAGES, next[t], "messages of thread " + t);
                }
                session.close();
            } finally {
                client.stop();
            }
        }
    }
}
