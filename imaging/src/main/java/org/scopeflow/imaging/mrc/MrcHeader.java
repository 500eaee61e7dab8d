package org.scopeflow.imaging.mrc;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * The 1024-byte MRC2014 header, decoded. Sizes are validated by {@link MrcReader} before a header
 * is handed out: {@code nx, ny, nz} are positive and the file holds exactly
 * {@link #expectedFileBytes()} bytes.
 *
 * @param nx                  columns (fastest-varying axis), pixels
 * @param ny                  rows, pixels
 * @param nz                  sections (stack frames or volume slices)
 * @param mode                pixel type
 * @param nxStart             location of the first column in the unit cell (usually 0)
 * @param nyStart             location of the first row
 * @param nzStart             location of the first section
 * @param mx                  sampling along x of the unit cell, pixels
 * @param my                  sampling along y
 * @param mz                  sampling along z (1 for image stacks, nz for volumes)
 * @param cellXAngstrom       cell length x, Å
 * @param cellYAngstrom       cell length y, Å
 * @param cellZAngstrom       cell length z, Å
 * @param cellAlphaDegrees    cell angle alpha, degrees
 * @param cellBetaDegrees     cell angle beta, degrees
 * @param cellGammaDegrees    cell angle gamma, degrees
 * @param mapc                axis corresponding to columns (1, 2 or 3)
 * @param mapr                axis corresponding to rows
 * @param maps                axis corresponding to sections
 * @param dmin                minimum pixel value
 * @param dmax                maximum pixel value
 * @param dmean               mean pixel value
 * @param ispg                space group: 0 image/stack, 1–230 volume, 401–630 volume stack
 * @param extendedHeaderBytes NSYMBT, bytes of extended header after the 1024-byte header
 * @param extendedHeaderType  EXTTYP, four characters ("FEI1", "SERI", "CCP4", …), may be blank
 * @param nversion            MRC format version (20140 or 20141)
 * @param originXAngstrom     origin x, Å
 * @param originYAngstrom     origin y, Å
 * @param originZAngstrom     origin z, Å
 * @param byteOrder           byte order of the file
 * @param rms                 standard deviation of the pixel values from the mean
 * @param labels              text labels (at most 10, each at most 80 characters), trailing blanks removed
 */
public record MrcHeader(
        int nx, int ny, int nz, MrcMode mode,
        int nxStart, int nyStart, int nzStart,
        int mx, int my, int mz,
        float cellXAngstrom, float cellYAngstrom, float cellZAngstrom,
        float cellAlphaDegrees, float cellBetaDegrees, float cellGammaDegrees,
        int mapc, int mapr, int maps,
        float dmin, float dmax, float dmean,
        int ispg, int extendedHeaderBytes, String extendedHeaderType, int nversion,
        float originXAngstrom, float originYAngstrom, float originZAngstrom,
        ByteOrder byteOrder, float rms, List<String> labels) {

    /** Size of the fixed header, bytes. */
    public static final int HEADER_BYTES = 1024;

    public MrcHeader {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(byteOrder, "byteOrder");
        Objects.requireNonNull(extendedHeaderType, "extendedHeaderType");
        labels = List.copyOf(labels);
    }

    /**
     * Pixel size along x in Å ({@code cellX / mx}), or 0 when the cell is not set (the pixel size
     * is then unknown).
     */
    public double pixelSizeAngstrom() {
        return mx > 0 && cellXAngstrom > 0 ? (double) cellXAngstrom / mx : 0;
    }

    /** Pixel size along y in Å, or 0 when unknown. */
    public double pixelSizeYAngstrom() {
        return my > 0 && cellYAngstrom > 0 ? (double) cellYAngstrom / my : 0;
    }

    /**
     * Whether the sections form one 3-D volume (space group 1–230 with {@code mz == nz}) rather
     * than a stack of independent images (space group 0) or a stack of volumes (401–630).
     */
    public boolean isVolume() {
        return ispg >= 1 && ispg <= 230 && mz == nz;
    }

    /** Whether this is a stack of 2-D images (space group 0 and more than one section). */
    public boolean isImageStack() {
        return ispg == 0 && nz > 1;
    }

    /** Bytes of pixel data in one section. */
    public long sectionBytes() {
        return (long) nx * ny * mode.bytesPerPixel();
    }

    /** Offset of the first pixel of section 0 from the start of the file. */
    public long dataOffsetBytes() {
        return HEADER_BYTES + (long) extendedHeaderBytes;
    }

    /** File length implied by the header: header + extended header + all sections. */
    public long expectedFileBytes() {
        return dataOffsetBytes() + sectionBytes() * nz;
    }
}
