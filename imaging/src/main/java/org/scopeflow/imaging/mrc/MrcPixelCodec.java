package org.scopeflow.imaging.mrc;

import java.nio.ByteBuffer;

/** Converts between stored MRC pixels and floats, one mode at a time. */
final class MrcPixelCodec {
    private MrcPixelCodec() {
    }

    /** Decodes {@code count} pixels from {@code in} (its order set) into {@code out[offset…]}. */
    static void decode(MrcMode mode, ByteBuffer in, float[] out, int offset, int count) {
        switch (mode) {
            case INT8 -> {
                for (int i = 0; i < count; i++) {
                    out[offset + i] = in.get();
                }
            }
            case INT16 -> {
                for (int i = 0; i < count; i++) {
                    out[offset + i] = in.getShort();
                }
            }
            case UINT16 -> {
                for (int i = 0; i < count; i++) {
                    out[offset + i] = in.getShort() & 0xffff;
                }
            }
            case FLOAT16 -> {
                for (int i = 0; i < count; i++) {
                    out[offset + i] = HalfFloat.toFloat(in.getShort());
                }
            }
            case FLOAT32 -> in.asFloatBuffer().get(out, offset, count);
        }
        if (mode == MrcMode.FLOAT32) {
            in.position(in.position() + count * 4);
        }
    }

    /**
     * The value a float becomes once stored in this mode: integers round to the nearest (ties to even);
     * float16 rounds to the nearest half-precision value.
     */
    static float quantize(MrcMode mode, float value) {
        return switch (mode) {
            case INT8, INT16, UINT16 -> (float) Math.rint(value);
            case FLOAT16 -> HalfFloat.toFloat(HalfFloat.fromFloat(value));
            case FLOAT32 -> value;
        };
    }

    /** Puts one already-quantized, range-checked value. */
    static void put(MrcMode mode, ByteBuffer out, float quantized) {
        switch (mode) {
            case INT8 -> out.put((byte) quantized);
            case INT16 -> out.putShort((short) quantized);
            case UINT16 -> out.putShort((short) (int) quantized);
            case FLOAT16 -> out.putShort(HalfFloat.fromFloat(quantized));
            case FLOAT32 -> out.putFloat(quantized);
        }
    }
}
