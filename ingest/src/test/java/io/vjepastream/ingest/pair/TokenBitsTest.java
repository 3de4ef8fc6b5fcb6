package io.vjepastream.ingest.pair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBitsTest {
    @Test
    void bitIIsBitIMod8OfByteIDiv8() {
        byte[] bits = new byte[2];
        TokenBits.set(bits, 0);
        TokenBits.set(bits, 9);
        TokenBits.set(bits, 15);
        assertArrayEquals(new byte[] {0b0000_0001, (byte) 0b1000_0010}, bits);
        assertTrue(TokenBits.get(bits, 9));
        assertFalse(TokenBits.get(bits, 8));
        assertEquals(3, TokenBits.count(bits));
    }

    @Test
    void rangeSetsExactlyTheRange() {
        byte[] bits = TokenBits.range(20, 3, 12);
        assertEquals(3, bits.length);
        assertEquals(9, TokenBits.count(bits));
        for (int i = 0; i < 20; i++) {
            assertEquals(i >= 3 && i < 12, TokenBits.get(bits, i), "bit " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> TokenBits.range(8, 4, 9));
    }

    @Test
    void disjointSets() {
        assertTrue(TokenBits.disjoint(TokenBits.range(16, 0, 8), TokenBits.range(16, 8, 16)));
        assertFalse(TokenBits.disjoint(TokenBits.range(16, 0, 9), TokenBits.range(16, 8, 16)));
    }
}
