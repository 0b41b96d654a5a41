package dev.duplex.samples;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chat room per path: everything said in {@code /chat/{room}} reaches everyone connected to the
 * same room. Each visitor is named "guest-N" until they send {@code /nick NAME}.
 */
@ServerEndpoint("/chat/{room}")
public class ChatRoomEndpoint {
    private static final AtomicInteger GUESTS = new AtomicInteger();
    private static final String NAME = "name";

    @OnOpen
    public void join(Session session, @PathParam("room") String room) {
        session.getUserProperties().put(NAME, "guest-" + GUESTS.incrementAndGet());
        broadcast(session, room, "* " + nameOf(session) + " joined #" + room);
    }

    @OnMessage(maxMessageSize = 4096)
    public void say(Session session, String text, @PathParam("room") String room) {
        if (text.startsWith("/nick ") && text.length() > 6) {
            String old = nameOf(session);
            session.getUserProperties().put(NAME, text.substring(6).strip());
            broadcast(session, room, "* " + old + " is now " + nameOf(session));
        } else {
            broadcast(session, room, nameOf(session) + ": " + text);
        }
    }

    @OnClose
    public void leave(Session session, CloseReason reason, @PathParam("room") String room) {
        broadcast(session, room, "* " + nameOf(session) + " left");
    }

    private static String nameOf(Session session) {
        return String.valueOf(session.getUserProperties().get(NAME));
    }

    /** Sends to every open session of this endpoint in the same room, without waiting for slow readers. */
    private static void broadcast(Session from, String room, String line) {
        for (Session peer : from.getOpenSessions()) {
            if (peer.isOpen() && room.equals(peer.getPathParameters().get("room"))) {
                peer.getAsyncRemote().sendText(line);
            }
        }
    }
}
