package org.scopeflow.imaging.mrc;

import java.util.Optional;

/** MRC2014 pixel modes we read and write (header word 4). */
public enum MrcMode {
    /** Signed 8-bit integer. */
    INT8(0, 1),
    /** Signed 16-bit integer. */
    INT16(1, 2),
    /** 32-bit IEEE float. */
    FLOAT32(2, 4),
    /** Unsigned 16-bit integer. */
    UINT16(6, 2),
    /** 16-bit IEEE half-precision float. */
    FLOAT16(12, 2);

    private final int code;
    private final int bytesPerPixel;

    MrcMode(int code, int bytesPerPixel) {
        this.code = code;
        this.bytesPerPixel = bytesPerPixel;
    }

    /** The value of the header's mode word. */
    public int code() {
        return code;
    }

    public int bytesPerPixel() {
        return bytesPerPixel;
    }

    /** The mode with this header code, or empty when we do not support it. */
    public static Optional<MrcMode> fromCode(int code) {
        for (MrcMode mode : values()) {
            if (mode.code == code) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /** Whether stored values are integers (then writers round and range-check). */
    public boolean isInteger() {
        return this == INT8 || this == INT16 || this == UINT16;
    }

    /** The smallest value this mode can hold. */
    public double minValue() {
        return switch (this) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case UINT16 -> 0;
            case FLOAT16 -> -HalfFloat.MAX_VALUE;
            case FLOAT32 -> -Float.MAX_VALUE;
        };
    }

    /** The largest value this mode can hold. */
    public double maxValue() {
        return switch (this) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case UINT16 -> 65535;
            case FLOAT16 -> HalfFloat.MAX_VALUE;
            case FLOAT32 -> Float.MAX_VALUE;
        };
    }
}
