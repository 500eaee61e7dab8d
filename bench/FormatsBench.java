import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.scopeflow.imaging.image.FloatImage;
import org.scopeflow.imaging.mrc.MrcMode;
import org.scopeflow.imaging.mrc.MrcReader;
import org.scopeflow.imaging.mrc.MrcWriteOptions;
import org.scopeflow.imaging.mrc.MrcWriter;
import org.scopeflow.imaging.tiff.TiffCompression;
import org.scopeflow.imaging.tiff.TiffReader;
import org.scopeflow.imaging.tiff.TiffWriteOptions;
import org.scopeflow.imaging.tiff.TiffWriter;

/** Run by bench/formats.sh: writes and reads one movie per format, printing MB/s of pixel data. */
public final class FormatsBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        int frames = Integer.parseInt(args[2]);
        List<FloatImage> movie = movie(size, frames);
        double megabytes = (double) size * size * frames * 4 / 1e6;
        for (MrcMode mode : new MrcMode[] {MrcMode.FLOAT32, MrcMode.UINT16}) {
            Path file = dir.resolve("movie-" + mode + ".mrc");
            long t0 = System.nanoTime();
            MrcWriter.write(file, movie, MrcWriteOptions.of(mode, 1.0));
            long t1 = System.nanoTime();
            MrcReader.read(file);
            long t2 = System.nanoTime();
            report("scopeflow MRC " + mode, file, frames, megabytes, t1 - t0, t2 - t1);
        }
        for (TiffCompression compression : TiffCompression.values()) {
            Path file = dir.resolve("movie-" + compression + ".tif");
            long t0 = System.nanoTime();
            TiffWriter.write(file, movie, TiffWriteOptions.of(16, compression));
            long t1 = System.nanoTime();
            TiffReader.read(file);
            long t2 = System.nanoTime();
            report("scopeflow TIFF 16-bit " + compression, file, frames, megabytes, t1 - t0, t2 - t1);
        }
    }

    /** Sparse Poisson-like counts (0–7), the way counting-mode movies look. */
    private static List<FloatImage> movie(int size, int frames) {
        Random random = new Random(1);
        List<FloatImage> movie = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            float[] pixels = new float[size * size];
            for (int i = 0; i < pixels.length; i++) {
                int r = random.nextInt(64);
                pixels[i] = r < 40 ? 0 : r < 58 ? 1 : r < 62 ? 2 : r - 57;
            }
            movie.add(new FloatImage(size, size, pixels));
        }
        return movie;
    }

    private static void report(String what, Path file, int frames, double megabytes, long writeNanos,
                               long readNanos) throws Exception {
        System.out.printf("%-32s %8.1f MB file  write %6.2f s (%5.0f MB/s float data)  read %6.2f s (%5.0f MB/s)%n",
                what, Files.size(file) / 1e6, writeNanos / 1e9, megabytes / (writeNanos / 1e9),
                readNanos / 1e9, megabytes / (readNanos / 1e9));
    }
}
