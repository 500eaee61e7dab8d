package org.scopeflow.imaging.mrc;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * How {@link MrcWriter} and {@link MrcSectionWriter} write a file.
 *
 * @param mode                pixel type; integer modes round to the nearest integer and reject
 *                            values outside their range (nothing is clipped silently)
 * @param pixelSizeAngstrom   pixel size, Å (≥ 0; 0 = unknown): the cell is {@code n × pixelSize}
 * @param volume              true: one 3-D volume (ispg 1, mz = nz); false: an image or a stack of
 *                            images (ispg 0, mz = 1), the convention for movies and .mrcs
 * @param extendedHeader      bytes written after the 1024-byte header (nsymbt); empty for none
 * @param extendedHeaderType  EXTTYP, ≤ 4 ASCII characters ("FEI1", "SERI", "CCP4", "MRCO", "AGAR",
 *                            "FEI2", "HDF5" pass mrcfile validation); required when the extended
 *                            header is not empty
 * @param byteOrder           byte order of the written file
 * @param labels              up to 10 non-blank ASCII labels of ≤ 80 characters
 */
public record MrcWriteOptions(MrcMode mode, double pixelSizeAngstrom, boolean volume,
                              byte[] extendedHeader, String extendedHeaderType, ByteOrder byteOrder,
                              List<String> labels) {

    /**
     * @throws IllegalArgumentException naming the offending value
     */
    public MrcWriteOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(byteOrder, "byteOrder");
        Objects.requireNonNull(extendedHeaderType, "extendedHeaderType");
        extendedHeader = Objects.requireNonNull(extendedHeader, "extendedHeader").clone();
        labels = List.copyOf(labels);
        if (!(pixelSizeAngstrom >= 0) || Double.isInfinite(pixelSizeAngstrom)) {
            throw new IllegalArgumentException("pixelSizeAngstrom = " + pixelSizeAngstrom
                    + " must be a finite number ≥ 0 (0 when unknown)");
        }
        MrcHeaderCodec.checkAscii(extendedHeaderType, 4).ifPresent(problem -> {
            throw new IllegalArgumentException("extendedHeaderType '" + extendedHeaderType + "' " + problem);
        });
        if (extendedHeader.length > 0 && extendedHeaderType.isBlank()) {
            throw new IllegalArgumentException("an extended header of " + extendedHeader.length
                    + " bytes needs an extendedHeaderType such as \"FEI1\", \"SERI\" or \"CCP4\"");
        }
        checkLabels(labels);
    }

    private static void checkLabels(List<String> labels) {
        if (labels.size() > MrcHeaderCodec.LABEL_COUNT) {
            throw new IllegalArgumentException(labels.size() + " labels given; MRC holds at most 10");
        }
        for (String label : labels) {
            if (label.isBlank()) {
                throw new IllegalArgumentException("label '" + label + "' is blank; MRC labels must contain text");
            }
            MrcHeaderCodec.checkAscii(label, MrcHeaderCodec.LABEL_BYTES).ifPresent(problem -> {
                throw new IllegalArgumentException("label '" + label + "' " + problem);
            });
        }
    }

    /** An image or image stack, little-endian, no extended header, no labels. */
    public static MrcWriteOptions of(MrcMode mode, double pixelSizeAngstrom) {
        return new MrcWriteOptions(mode, pixelSizeAngstrom, false, new byte[0], "", ByteOrder.LITTLE_ENDIAN,
                List.of());
    }

    public MrcWriteOptions withVolume(boolean newVolume) {
        return new MrcWriteOptions(mode, pixelSizeAngstrom, newVolume, extendedHeader, extendedHeaderType,
                byteOrder, labels);
    }

    public MrcWriteOptions withByteOrder(ByteOrder newByteOrder) {
        return new MrcWriteOptions(mode, pixelSizeAngstrom, volume, extendedHeader, extendedHeaderType,
                newByteOrder, labels);
    }

    public MrcWriteOptions withExtendedHeader(byte[] bytes, String type) {
        return new MrcWriteOptions(mode, pixelSizeAngstrom, volume, bytes, type, byteOrder, labels);
    }

    public MrcWriteOptions withLabels(List<String> newLabels) {
        return new MrcWriteOptions(mode, pixelSizeAngstrom, volume, extendedHeader, extendedHeaderType,
                byteOrder, newLabels);
    }

    /** A copy: records hand out their array component as is. */
    @Override
    public byte[] extendedHeader() {
        return extendedHeader.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MrcWriteOptions o && mode == o.mode
                && Double.compare(pixelSizeAngstrom, o.pixelSizeAngstrom) == 0 && volume == o.volume
                && java.util.Arrays.equals(extendedHeader, o.extendedHeader)
                && extendedHeaderType.equals(o.extendedHeaderType) && byteOrder.equals(o.byteOrder)
                && labels.equals(o.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, pixelSizeAngstrom, volume, java.util.Arrays.hashCode(extendedHeader),
                extendedHeaderType, byteOrder, labels);
    }

    @Override
    public String toString() {
        return "MrcWriteOptions[mode=" + mode + ", pixelSizeAngstrom=" + pixelSizeAngstrom + ", volume=" + volume
                + ", extendedHeaderBytes=" + extendedHeader.length + ", extendedHeaderType=" + extendedHeaderType
                + ", byteOrder=" + byteOrder + ", labels=" + labels + "]";
    }
}
