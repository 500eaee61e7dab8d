package org.scopeflow.imaging.mrc;

/** IEEE 754 binary16 conversion (Java 17 has no {@code Float.float16ToFloat}). */
final class HalfFloat {
    /** Largest finite half-precision value. */
    static final float MAX_VALUE = 65504f;

    private HalfFloat() {
    }

    static float toFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            if (mantissa == 0) {
                return Float.intBitsToFloat(sign);
            }
            float value = mantissa / 16777216f; // mantissa × 2^-24
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** Rounds to nearest, ties to even; overflow gives ±infinity, NaN stays NaN. */
    static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) {
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
        }
        int unbiased = exponent - 127;
        if (unbiased > 15) {
            return (short) (sign | 0x7c00);
        }
        if (unbiased >= -14) {
            int halfBits = ((unbiased + 15) << 10) | (mantissa >>> 13);
            int rest = mantissa & 0x1fff;
            if (rest > 0x1000 || (rest == 0x1000 && (halfBits & 1) != 0)) {
                halfBits++; // may carry into the exponent, up to infinity: correct
            }
            return (short) (sign | halfBits);
        }
        if (unbiased < -25) {
            return (short) sign;
        }
        // Subnormal half: value = m × 2^-24 with m in [0, 1023].
        int fullMantissa = mantissa | 0x800000;
        int shift = -unbiased - 1; // value = fullMantissa × 2^(unbiased - 23) = m × 2^-24
        int halfMantissa = fullMantissa >>> shift;
        int rest = fullMantissa & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (rest > halfway || (rest == halfway && (halfMantissa & 1) != 0)) {
            halfMantissa++;
        }
        return (short) (sign | halfMantissa);
    }
}
