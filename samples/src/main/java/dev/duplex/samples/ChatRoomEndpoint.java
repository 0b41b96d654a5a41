package dev.duplex.samples;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/**
 * A chat room per path: everything said in {@code /chat/{room}} reaches everyone connected to the
 * same room. Each visitor is named "guest-N" until they send {@code /nick NAME}. The rooms are kept by
 * {@link ChatRooms}, an application-scoped CDI bean (Weld SE in {@link SamplesServer}, Weld Servlet in
 * the WAR).
 */
@ServerEndpoint("/chat/{room}")
public class ChatRoomEndpoint {
    private static final String NAME = "name";

    @Inject
    ChatRooms rooms;

    @OnOpen
    public void join(Session session, @PathParam("room") String room) {
        session.getUserProperties().put(NAME, rooms.newGuestName());
        rooms.join(room, session);
        rooms.broadcast(room, "* " + nameOf(session) + " joined #" + room);
    }

    @OnMessage(maxMessageSize = 4096)
    public void say(Session session, String text, @PathParam("room") String room) {
        if (text.startsWith("/nick ") && text.length() > 6) {
            String old = nameOf(session);
            session.getUserProperties().put(NAME, text.substring(6).strip());
            rooms.broadcast(room, "* " + old + " is now " + nameOf(session));
        } else {
            rooms.broadcast(room, nameOf(session) + ": " + text);
        }
    }

    @OnClose
    public void leave(Session session, CloseReason reason, @PathParam("room") String room) {
        rooms.leave(room, session);
        rooms.broadcast(room, "* " + nameOf(session) + " left");
    }

    private static String nameOf(Session session) {
        return String.valueOf(session.getUserProperties().get(NAME));
    }
}
