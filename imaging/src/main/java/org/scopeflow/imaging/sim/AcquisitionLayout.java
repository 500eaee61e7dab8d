package org.scopeflow.imaging.sim;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Where an instrument puts each movie and its metadata sidecar.
 * <ul>
 * <li>{@code EPU}: {@code Images-Disc1/GridSquare_<id>/Data/FoilHole_<id>_Data_<id>_<id>_<yyyyMMdd>_<HHmmss>_fractions.<ext>}
 * with the sidecar {@code FoilHole_…_<HHmmss>.xml} beside it (8 movies per grid square);</li>
 * <li>{@code SERIALEM}: {@code movie_<n>.<ext>} with {@code movie_<n>.<ext>.mdoc};</li>
 * <li>{@code FLAT}: {@code movie_<n>.<ext>}, no sidecar.</li>
 * </ul>
 * Truth files always go to {@code truth/<movie file name>.json}, outside the acquisition tree.
 */
public enum AcquisitionLayout {
    EPU, SERIALEM, FLAT;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);

    /** Paths of one movie; {@code sidecar} is null for FLAT. */
    public record MoviePaths(Path movie, Path sidecar, Path truth) {}

    /** Parses "epu", "serialem" or "flat" (any case). */
    public static AcquisitionLayout parse(String text) {
        for (AcquisitionLayout l : values()) {
            if (l.name().equalsIgnoreCase(text.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("layout '" + text + "' is not one of epu, serialem, flat");
    }

    /**
     * @param root the session directory
     * @param index movie number, from 0
     * @param startedAt acquisition start of the movie (used in EPU names, UTC)
     * @param extension "mrc" or "tiff"/"tif"
     */
    public MoviePaths paths(Path root, int index, ZonedDateTime startedAt, String extension) {
        ZonedDateTime utc = startedAt.withZoneSameInstant(ZoneOffset.UTC);
        Path truthDir = root.resolve("truth");
        switch (this) {
            case EPU: {
                int square = 1_000_000 + index / 8;
                String base = "FoilHole_" + (2_000_000 + index) + "_Data_" + (3_000_000 + index / 8) + "_"
                        + (4_000_000 + index) + "_" + DATE.format(utc) + "_" + TIME.format(utc);
                Path dir = root.resolve("Images-Disc1").resolve("GridSquare_" + square).resolve("Data");
                Path movie = dir.resolve(base + "_fractions." + extension);
                return new MoviePaths(movie, dir.resolve(base + ".xml"), truthDir.resolve(movie.getFileName() + ".json"));
            }
            case SERIALEM: {
                Path movie = root.resolve(String.format(Locale.ROOT, "movie_%05d.%s", index + 1, extension));
                return new MoviePaths(movie, root.resolve(movie.getFileName() + ".mdoc"),
                        truthDir.resolve(movie.getFileName() + ".json"));
            }
            default: {
                Path movie = root.resolve(String.format(Locale.ROOT, "movie_%05d.%s", index + 1, extension));
                return new MoviePaths(movie, null, truthDir.resolve(movie.getFileName() + ".json"));
            }
        }
    }
}
