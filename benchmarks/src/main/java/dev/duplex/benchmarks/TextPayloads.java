package dev.duplex.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Deterministic, realistic text payloads: a stream of small JSON chat messages, the kind of
 * traffic a WebSocket text frame usually carries.
 *
 * <ul>
 *   <li>{@code mixed}: mostly ASCII; one message in three has a user name and text from lists
 *       with other scripts, so 2-, 3- and 4-byte UTF-8 sequences are scattered through the ASCII
 *       (a few percent of the bytes; the first message has some, so the 125-byte payload does too).</li>
 *   <li>{@code ascii}: the same shape with ASCII only, the best case for a validator with an
 *       ASCII fast path.</li>
 * </ul>
 */
final class TextPayloads {
    static final String MIXED = "mixed";
    static final String ASCII = "ascii";

    private static final String[] MIXED_USERS = {"zoë", "alice", "bob", "józef", "李雷", "sasha", "marta", "ngozi"};
    private static final String[] MIXED_TEXTS = {
        "Meeting moved to 14:30 — room Å2",
        "Deploy finished, all green.",
        "Prices are in € now, not £",
        "ok",
        "Thanks! 🎉",
        "Build #4521 failed: NullPointerException in OrderService.total(OrderService.java:88)",
        "naïve question: does the café open at 8?",
        "lunch?",
        "日本語のテキストも大丈夫です",
        "see https://example.org/docs/websocket?section=5.2 for the framing rules",
        "Привет, как дела?",
        "I'll review the PR after standup",
    };
    private static final String[] ASCII_USERS = {"zoe", "alice", "bob", "jozef", "li.lei", "sasha", "marta", "ngozi"};
    private static final String[] ASCII_TEXTS = {
        "Meeting moved to 14:30 - room A2",
        "Deploy finished, all green.",
        "Prices are in EUR now, not GBP",
        "ok",
        "Thanks! :tada:",
        "Build #4521 failed: NullPointerException in OrderService.total(OrderService.java:88)",
        "naive question: does the cafe open at 8?",
        "lunch?",
        "the Japanese text is fine too",
        "see https://example.org/docs/websocket?section=5.2 for the framing rules",
        "Privet, kak dela?",
        "I'll review the PR after standup",
    };

    private TextPayloads() {
    }

    /** Exactly {@code size} bytes of valid UTF-8 text of the given kind. */
    static byte[] text(String kind, int size) {
        boolean mixed = switch (kind) {
            case MIXED -> true;
            case ASCII -> false;
            default -> throw new IllegalArgumentException("text kind must be mixed or ascii: " + kind);
        };
        Random random = new Random(20261121L);
        StringBuilder out = new StringBuilder(size + 256);
        long timestamp = 1_763_683_200_000L;
        // The first message is fixed so that even the 125-byte mixed payload has multi-byte characters.
        int message = 0;
        int bytes = 0;
        while (bytes < size) {
            // Mixed text: one message in three from the non-ASCII lists, so a few percent of the bytes are multi-byte.
            boolean other = mixed && (message == 0 || random.nextInt(3) == 0);
            String[] users = other ? MIXED_USERS : ASCII_USERS;
            String[] texts = other ? MIXED_TEXTS : ASCII_TEXTS;
            String user = message == 0 ? users[0] : users[random.nextInt(users.length)];
            String text = message == 0 ? texts[0] : texts[random.nextInt(texts.length)];
            timestamp += 1 + random.nextInt(5_000);
            String line = "{\"type\":\"chat\",\"user\":\"" + user + "\",\"text\":\"" + text + "\",\"ts\":" + timestamp + "}\n";
            out.append(line);
            bytes += line.getBytes(StandardCharsets.UTF_8).length;
            message++;
        }
        byte[] all = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] result = new byte[size];
        System.arraycopy(all, 0, result, 0, size);
        // Don't end on a cut character: replace a trailing partial sequence by spaces.
        int end = size;
        int start = end - 1;
        while (start > 0 && (result[start] & 0xC0) == 0x80) {
            start--;
        }
        if ((result[start] & 0x80) != 0 && start + sequenceLength(result[start]) > end) {
            for (int i = start; i < end; i++) {
                result[i] = ' ';
            }
        }
        return result;
    }

    /** The share of bytes that are not ASCII, for the report. */
    static double nonAsciiShare(byte[] text) {
        int count = 0;
        for (byte b : text) {
            if (b < 0) {
                count++;
            }
        }
        return (double) count / text.length;
    }

    private static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    }
}
