package org.scopeflow.imaging.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.scopeflow.imaging.image.FloatImage;
import org.scopeflow.imaging.mrc.MrcMode;
import org.scopeflow.imaging.mrc.MrcSectionWriter;
import org.scopeflow.imaging.mrc.MrcWriteOptions;
import org.scopeflow.imaging.tiff.TiffCompression;
import org.scopeflow.imaging.tiff.TiffWriteOptions;
import org.scopeflow.imaging.tiff.TiffWriter;

/**
 * Writes a movie the way a detector does: the file appears at once and grows frame by frame, with a
 * pause of {@code frameInterval} after each frame. MRC frames are appended as float32 sections (the
 * header is completed at the end); a TIFF is encoded (16-bit, LZW) to a temporary file outside the
 * session and copied over in as many slices as there are frames.
 */
final class MovieFileWriter {
    private final Sleeper sleeper;

    MovieFileWriter(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    void write(Path file, List<FloatImage> frames, MovieFormat format, double pixelSizeAngstrom, Duration frameInterval)
            throws IOException, InterruptedException {
        if (format == MovieFormat.MRC) {
            try (MrcSectionWriter writer = MrcSectionWriter.open(file, MrcWriteOptions.of(MrcMode.FLOAT32, pixelSizeAngstrom))) {
                for (FloatImage frame : frames) {
                    writer.append(frame);
                    sleeper.sleep(frameInterval);
                }
            }
            return;
        }
        Path staged = Files.createTempFile("scopeflow-movie-", ".tiff");
        try {
            TiffWriter.write(staged, frames, TiffWriteOptions.of(16, TiffCompression.LZW));
            copyInSlices(staged, file, frames.size(), frameInterval);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private void copyInSlices(Path from, Path to, int slices, Duration interval) throws IOException, InterruptedException {
        long size = Files.size(from);
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(from);
                OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            long copied = 0;
            for (int s = 1; s <= slices; s++) {
                long target = size * s / slices;
                while (copied < target) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, target - copied));
                    if (n < 0) {
                        throw new IOException(from + ": ended after " + copied + " of " + size + " bytes while copying to " + to);
                    }
                    out.write(buffer, 0, n);
                    copied += n;
                }
                out.flush();
                sleeper.sleep(interval);
            }
        }
    }
}
