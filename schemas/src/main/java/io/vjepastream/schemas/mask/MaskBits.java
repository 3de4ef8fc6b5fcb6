package io.vjepastream.schemas.mask;

import java.util.BitSet;

/**
 * The one owner of the packed token-mask format of {@code TemporalMask}'s {@code context} and {@code target}
 * bytes: token {@code i} is bit {@code i % 8} (least significant first) of byte {@code i / 8}. Ingest writes
 * masks with it and the model reads them with {@link #toBitSet(byte[])}.
 */
public final class MaskBits {
    private MaskBits() {
    }

    /** Bytes needed for {@code bits} bits. */
    public static int bytesFor(int bits) {
        if (bits < 0) {
            throw new IllegalArgumentException("bit count must be >= 0 but is " + bits);
        }
        return (bits + 7) / 8;
    }

    /** A set of {@code totalBits} bits with exactly the bits in {@code [from, to)} set. */
    public static byte[] range(int totalBits, int from, int to) {
        if (from < 0 || to < from || to > totalBits) {
            throw new IllegalArgumentException("bit range [" + from + ", " + to + ") is not inside [0, " + totalBits + ")");
        }
        byte[] bits = new byte[bytesFor(totalBits)];
        for (int i = from; i < to; i++) {
            set(bits, i);
        }
        return bits;
    }

    /** Sets bit {@code index}. */
    public static void set(byte[] bits, int index) {
        bits[index >>> 3] |= (byte) (1 << (index & 7));
    }

    /** Whether bit {@code index} is set. */
    public static boolean get(byte[] bits, int index) {
        return (bits[index >>> 3] & (1 << (index & 7))) != 0;
    }

    /** How many bits are set. */
    public static int count(byte[] bits) {
        int n = 0;
        for (byte b : bits) {
            n += Integer.bitCount(b & 0xFF);
        }
        return n;
    }

    /** Whether the two sets share no set bit. */
    public static boolean disjoint(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if ((a[i] & b[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The set bits of {@code bits} as a {@link BitSet}: bit {@code i} of the set is token {@code i}. */
    public static BitSet toBitSet(byte[] bits) {
        return BitSet.valueOf(bits);
    }
}
