package io.vjepastream.schemas.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class MaskBitsTest {
    @Test
    void bitIIsBitIMod8OfByteIDiv8() {
        byte[] bits = new byte[2];
        MaskBits.set(bits, 0);
        MaskBits.set(bits, 9);
        MaskBits.set(bits, 15);
        assertArrayEquals(new byte[] {0b0000_0001, (byte) 0b1000_0010}, bits);
        assertTrue(MaskBits.get(bits, 9));
        assertFalse(MaskBits.get(bits, 8));
        assertEquals(3, MaskBits.count(bits));
    }

    @Test
    void rangeSetsExactlyTheRange() {
        byte[] bits = MaskBits.range(20, 3, 12);
        assertEquals(3, bits.length);
        assertEquals(9, MaskBits.count(bits));
        for (int i = 0; i < 20; i++) {
            assertEquals(i >= 3 && i < 12, MaskBits.get(bits, i), "bit " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> MaskBits.range(8, 4, 9));
    }

    @Test
    void disjointSets() {
        assertTrue(MaskBits.disjoint(MaskBits.range(16, 0, 8), MaskBits.range(16, 8, 16)));
        assertFalse(MaskBits.disjoint(MaskBits.range(16, 0, 9), MaskBits.range(16, 8, 16)));
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameTokens() {
        byte[] bits = MaskBits.range(21, 3, 11);
        MaskBits.set(bits, 17);
        BitSet read = MaskBits.toBitSet(bits);
        for (int i = 0; i < 21; i++) {
            assertEquals(MaskBits.get(bits, i), read.get(i), "token " + i);
        }
        assertEquals(9, read.cardinality());
        assertEquals(MaskBits.count(bits), read.cardinality());
    }
}
