package dev.duplex.engine.testkit;

import dev.duplex.engine.ClosePayload;
import dev.duplex.engine.ConnectionListener;
import dev.duplex.engine.ProtocolException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link ConnectionListener} that records each call as a short string, so a test asserts a
 * whole conversation with one {@code assertEquals}:
 * <pre>
 * text "Hel" more        text "lo" last        text hex:e282 more      binary 0102 last
 * ping 48656c6c6f        pong                  (empty payload)
 * failure 1002 RESERVED_OPCODE                 failure IOException: reset
 * closed 1000 "bye"
 * </pre>
 * A hook can act inside the callback, after the event is recorded (to pause reading, for one).
 */
public final class RecordingListener implements ConnectionListener {
    private final List<String> events = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final List<ClosePayload> closes = new ArrayList<>();
    private Consumer<String> hook = event -> { };

    /** Runs {@code action} inside every later callback, with the event just recorded. */
    public synchronized void onEvent(Consumer<String> action) {
        this.hook = action;
    }

    /**
     * A fragment that is valid UTF-8 on its own is recorded as text; one that is not (a character
     * split across fragments, or bytes a real validator would have refused) as {@code text hex:...}.
     */
    @Override
    public void onText(ByteBuffer utf8, boolean last) {
        String text;
        try {
            text = "\"" + StandardCharsets.UTF_8.newDecoder().decode(utf8.duplicate()) + "\"";
        } catch (CharacterCodingException e) {
            text = "hex:" + Hex.of(utf8);
        }
        record("text " + text + " " + (last ? "last" : "more"));
    }

    @Override
    public void onBinary(ByteBuffer data, boolean last) {
        record(join("binary", Hex.of(data)) + " " + (last ? "last" : "more"));
    }

    @Override
    public void onPing(ByteBuffer data) {
        record(join("ping", Hex.of(data)));
    }

    @Override
    public void onPong(ByteBuffer data) {
        record(join("pong", Hex.of(data)));
    }

    @Override
    public void onFailure(Throwable cause) {
        synchronized (this) {
            failures.add(cause);
        }
        if (cause instanceof ProtocolException protocol) {
            record("failure " + protocol.closeCode() + " " + protocol.violation());
        } else {
            record("failure " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    @Override
    public void onClosed(ClosePayload close) {
        synchronized (this) {
            closes.add(close);
        }
        record("closed " + close.code() + " \"" + close.reason() + "\"");
    }

    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** The events recorded so far, forgetting them, so a test can look at one step at a time. */
    public synchronized List<String> takeEvents() {
        List<String> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    public synchronized List<Throwable> failures() {
        return List.copyOf(failures);
    }

    public synchronized List<ClosePayload> closes() {
        return List.copyOf(closes);
    }

    private void record(String event) {
        Consumer<String> action;
        synchronized (this) {
            events.add(event);
            action = hook;
        }
        action.accept(event);
    }

    private static String join(String kind, String hex) {
        return hex.isEmpty() ? kind : kind + " " + hex;
    }
}
