package org.scopeflow.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.scopeflow.imaging.image.FloatImage;
import org.scopeflow.imaging.mrc.MrcHeader;
import org.scopeflow.imaging.mrc.MrcReader;
import org.scopeflow.imaging.qc.FrameSource;
import org.scopeflow.imaging.qc.MotionAligner;
import org.scopeflow.imaging.qc.MotionOptions;
import org.scopeflow.imaging.tiff.TiffReader;

/** Reads the images the qc commands work on: MRC (.mrc, .mrcs) and TIFF (.tif, .tiff), any number of sections. */
final class QcInputs {
    private QcInputs() {}

    static List<FloatImage> readSections(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".mrc") || name.endsWith(".mrcs")) {
            return MrcReader.read(file).sections();
        }
        if (name.endsWith(".tif") || name.endsWith(".tiff")) {
            return TiffReader.read(file);
        }
        throw new IllegalArgumentException(file + ": unknown image type; expected .mrc, .mrcs, .tif or .tiff");
    }

    /**
     * The frames of a movie, read one section at a time when the format allows it (MRC), so that they
     * need not all be in memory at once; each reading thread reuses one pixel array.
     */
    static FrameSource frames(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".mrc") || name.endsWith(".mrcs")) {
            int count = MrcReader.readHeader(file).nz();
            // Per thread, held by this source only (a ThreadLocal would outlive it in pool threads).
            Map<Thread, float[]> buffers = new ConcurrentHashMap<>();
            return new FrameSource() {
                @Override
                public int count() {
                    return count;
                }

                @Override
                public FloatImage frame(int index) throws IOException {
                    FloatImage f = MrcReader.readSection(file, index, buffers.get(Thread.currentThread()));
                    buffers.put(Thread.currentThread(), f.pixels());
                    return f;
                }
            };
        }
        List<FloatImage> sections = readSections(file);
        return new FrameSource() {
            @Override
            public int count() {
                return sections.size();
            }

            @Override
            public FloatImage frame(int index) {
                return sections.get(index);
            }
        };
    }

    /**
     * The size of a movie's pixels as float32 (bytes) from its MRC header; 0 when the file is not MRC
     * or its header cannot be read (processing the file then reports the error).
     */
    static long movieFloatBytes(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".mrc") && !name.endsWith(".mrcs")) {
            return 0;
        }
        try {
            MrcHeader h = MrcReader.readHeader(file);
            return 4L * h.nx() * h.ny() * h.nz();
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        }
    }

    /** The pixel size to use: the option when given (> 0), else the MRC header's, else an error naming the file. */
    static double pixelSizeAngstrom(Path file, double optionAngstrom) throws IOException {
        if (optionAngstrom > 0) {
            return optionAngstrom;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".mrc") || name.endsWith(".mrcs")) {
            double fromHeader = MrcReader.readHeader(file).pixelSizeAngstrom();
            if (fromHeader > 0) {
                return fromHeader;
            }
        }
        throw new IllegalArgumentException(file + ": no pixel size in the file; pass --pixel-size (Å)");
    }

    /** The sum of all sections (a movie's unaligned sum, or a single image). */
    static FloatImage sum(List<FloatImage> sections) {
        FloatImage first = sections.get(0);
        if (sections.size() == 1) {
            return first;
        }
        float[] out = new float[first.pixels().length];
        for (FloatImage s : sections) {
            if (s.width() != first.width() || s.height() != first.height()) {
                throw new IllegalArgumentException("sections differ in size: " + s.width() + "×" + s.height()
                        + " vs " + first.width() + "×" + first.height());
            }
            float[] p = s.pixels();
            for (int i = 0; i < out.length; i++) {
                out[i] += p[i];
            }
        }
        return new FloatImage(first.width(), first.height(), out);
    }

    /** A single image as is; a movie's frames aligned (global motion, default options) and summed. */
    static FloatImage micrograph(List<FloatImage> sections, double pixelSizeAngstrom) {
        if (sections.size() == 1) {
            return sections.get(0);
        }
        return new MotionAligner().align(sections, pixelSizeAngstrom, MotionOptions.defaults()).alignedSum();
    }

    /** File name without its image extension. */
    static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
