package org.scopeflow.imaging.qc;

import java.util.List;
import org.scopeflow.imaging.image.FloatImage;

/** Maximum-intensity projection of a z-stack along z. Stateless. */
public final class MaxProjector {
    private MaxProjector() {}

    /** @throws IllegalArgumentException when the stack is empty or its slices differ in size */
    public static FloatImage project(List<FloatImage> slices) {
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("stack has no slices; nothing to project");
        }
        FloatImage first = slices.get(0);
        float[] out = first.pixels().clone();
        for (int z = 1; z < slices.size(); z++) {
            FloatImage s = slices.get(z);
            if (s.width() != first.width() || s.height() != first.height()) {
                throw new IllegalArgumentException("slice " + z + " is " + s.width() + "×" + s.height()
                        + " px but slice 0 is " + first.width() + "×" + first.height() + " px");
            }
            float[] p = s.pixels();
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.max(out[i], p[i]);
            }
        }
        return new FloatImage(first.width(), first.height(), out);
    }
}
