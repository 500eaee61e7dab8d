package org.scopeflow.imaging.sim;

/** File format of simulated movies: MRC (float32 counts) or TIFF (16-bit, LZW), as detectors write them. */
public enum MovieFormat {
    MRC("mrc"), TIFF("tiff");

    private final String extension;

    MovieFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** Parses "mrc", "tiff" or "tif" (any case). */
    public static MovieFormat parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("mrc")) {
            return MRC;
        }
        if (t.equals("tiff") || t.equals("tif")) {
            return TIFF;
        }
        throw new IllegalArgumentException("format '" + text + "' is not one of mrc, tiff");
    }
}
