package io.vjepastream.ingest.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HandoffQueueTest {
    @Test
    void dropOldestKeepsTheNewestAndCountsEveryDrop() throws Exception {
        HandoffQueue<Integer> q = new HandoffQueue<>(3, OverflowPolicy.DROP_OLDEST);
        for (int i = 0; i < 10; i++) {
            assertTrue(q.offer(i));
        }
        assertEquals(7, q.dropped());
        assertEquals(10, q.offered());
        assertEquals(3, q.highWater());
        assertEquals(List.of(7, 8, 9), drain(q));
    }

    @Test
    @Timeout(20)
    void blockWaitsForRoomAndLosesNothing() throws Exception {
        HandoffQueue<Integer> q = new HandoffQueue<>(2, OverflowPolicy.BLOCK);
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < 50; i++) {
                    q.offer(i);
                }
                q.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        List<Integer> got = new ArrayList<>();
        while (!q.finished()) {
            Integer item = q.poll(50, TimeUnit.MILLISECONDS);
            if (item != null) {
                got.add(item);
            }
        }
        producer.join();
        assertEquals(50, got.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(i, got.get(i));
        }
        assertEquals(0, q.dropped());
        assertTrue(q.highWater() <= 2);
    }

    @Test
    @Timeout(20)
    void closeReleasesABlockedOfferAndRefusesMore() throws Exception {
        HandoffQueue<Integer> q = new HandoffQueue<>(1, OverflowPolicy.BLOCK);
        q.offer(1);
        boolean[] result = {true};
        Thread blocked = new Thread(() -> {
            try {
                result[0] = q.offer(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        blocked.start();
        while (blocked.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
        q.close();
        blocked.join();
        assertFalse(result[0], "an offer released by close was not taken");
        assertFalse(q.offer(3));
        assertEquals(1, q.poll(0, TimeUnit.MILLISECONDS));
        assertNull(q.poll(0, TimeUnit.MILLISECONDS));
        assertTrue(q.finished());
    }

    @Test
    void capacityMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HandoffQueue<Integer>(0, OverflowPolicy.BLOCK));
        assertTrue(e.getMessage().contains("queue capacity = 0"), e.getMessage());
    }

    private static List<Integer> drain(HandoffQueue<Integer> q) throws InterruptedException {
        List<Integer> out = new ArrayList<>();
        Integer item;
        while ((item = q.poll(0, TimeUnit.MILLISECONDS)) != null) {
            out.add(item);
        }
        return out;
    }
}
