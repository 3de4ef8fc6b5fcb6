package io.vjepastream.ingest.queue;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded queue between one producing and one consuming thread that applies an
 * {@link OverflowPolicy} when full and counts every item it drops. Closing it ends the hand-off:
 * further offers are refused, a blocked offer returns, and the consumer drains what is left and then
 * sees the end.
 *
 * @param <T> the items handed over
 */
public final class HandoffQueue<T> {
    private final int capacity;
    private final OverflowPolicy policy;
    private final ArrayDeque<T> items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private long dropped;
    private long offered;
    private int highWater;
    private boolean closed;

    /**
     * @param capacity items held at most; at least 1
     * @param policy what to do when full
     */
    public HandoffQueue(int capacity, OverflowPolicy policy) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity = " + capacity + "; allowed: an integer >= 1");
        }
        this.capacity = capacity;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.items = new ArrayDeque<>(capacity);
    }

    /**
     * Adds an item, dropping the oldest or waiting for room as the policy says.
     *
     * @return false when the queue is closed (the item was not taken), true otherwise
     * @throws InterruptedException when interrupted while waiting for room
     */
    public boolean offer(T item) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        lock.lockInterruptibly();
        try {
            while (!closed && items.size() >= capacity) {
                if (policy == OverflowPolicy.DROP_OLDEST) {
                    items.pollFirst();
                    dropped++;
                } else {
                    notFull.await();
                }
            }
            if (closed) {
                return false;
            }
            items.addLast(item);
            offered++;
            highWater = Math.max(highWater, items.size());
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The oldest item, waiting up to the timeout for one.
     *
     * @return the item; null when none came in time or the queue is closed and empty (see {@link #finished()})
     * @throws InterruptedException when interrupted while waiting
     */
    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (items.isEmpty() && !closed) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            T item = items.pollFirst();
            if (item != null) {
                notFull.signal();
            }
            return item;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further offers and wakes every waiting thread; queued items can still be taken. Idempotent. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Discards every queued item and returns how many there were; they are not counted as dropped. */
    public int clear() {
        lock.lock();
        try {
            int n = items.size();
            items.clear();
            notFull.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** True once the queue is closed and empty: the consumer has seen everything. */
    public boolean finished() {
        lock.lock();
        try {
            return closed && items.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Items dropped to make room, over the queue's life. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Items accepted, including those later dropped. */
    public long offered() {
        lock.lock();
        try {
            return offered;
        } finally {
            lock.unlock();
        }
    }

    /** Items waiting now. */
    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /** The most items ever waiting at once. */
    int highWater() {
        lock.lock();
        try {
            return highWater;
        } finally {
            lock.unlock();
        }
    }

    /** The most items held. */
    public int capacity() {
        return capacity;
    }

    /** The policy applied when full. */
    public OverflowPolicy policy() {
        return policy;
    }
}
