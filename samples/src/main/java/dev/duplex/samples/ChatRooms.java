package dev.duplex.samples;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.Session;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who is in which chat room: one registry for the application, a CDI bean that {@link ChatRoomEndpoint}
 * has injected (a new endpoint instance serves each visitor, so the rooms cannot live in it).
 */
@ApplicationScoped
public class ChatRooms {
    private final ConcurrentHashMap<String, Set<Session>> rooms = new ConcurrentHashMap<>();
    private final AtomicInteger guests = new AtomicInteger();

    /** A name for a new visitor. */
    public String newGuestName() {
        return "guest-" + guests.incrementAndGet();
    }

    public void join(String room, Session session) {
        rooms.computeIfAbsent(room, name -> ConcurrentHashMap.newKeySet()).add(session);
    }

    /** Removes the session; an empty room goes with its last member. */
    public void leave(String room, Session session) {
        rooms.computeIfPresent(room, (name, members) -> {
            members.remove(session);
            return members.isEmpty() ? null : members;
        });
    }

    /** Sends to everyone in the room, without waiting for slow readers. */
    public void broadcast(String room, String line) {
        for (Session member : rooms.getOrDefault(room, Set.of())) {
            if (member.isOpen()) {
                member.getAsyncRemote().sendText(line);
            }
        }
    }
}
