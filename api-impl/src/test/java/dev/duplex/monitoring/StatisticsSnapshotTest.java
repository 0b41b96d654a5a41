package dev.duplex.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StatisticsSnapshotTest {

    @Test
    void plusAddsEveryFigureAndMergesTheCloseCodes() {
        StatisticsSnapshot echo = new StatisticsSnapshot("/echo", 1, 3, 2, 10, 1, 10, 1, 500, 500, 1,
                new TreeMap<>(Map.of(1000, 1L, 1006, 1L)), 7);
        StatisticsSnapshot chat = new StatisticsSnapshot("/chat/{room}", 2, 2, 0, 4, 0, 12, 0, 40, 120, 0,
                new TreeMap<>(Map.of(1000, 2L, 4001, 1L)), 5);
        StatisticsSnapshot total = StatisticsSnapshot.empty("total").plus(echo).plus(chat);
        assertEquals(new StatisticsSnapshot("total", 3, 5, 2, 14, 1, 22, 1, 540, 620, 1,
                new TreeMap<>(Map.of(1000, 3L, 1006, 1L, 4001, 1L)), 12), total);
        assertEquals(15, total.messagesReceived());
        assertEquals(23, total.messagesSent());
        assertEquals(3, total.closes(1000));
        assertEquals(0, total.closes(1011));
    }

    @Test
    void itsCloseCodesAreACopyThatCannotChange() {
        TreeMap<Integer, Long> codes = new TreeMap<>(Map.of(1000, 1L));
        StatisticsSnapshot snapshot = new StatisticsSnapshot("/echo", 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, codes, 0);
        codes.put(1001, 1L);
        assertEquals(Map.of(1000, 1L), snapshot.closeCodes());
        assertThrows(UnsupportedOperationException.class, () -> snapshot.closeCodes().put(1002, 1L));
    }
}
