package org.scopeflow.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scopeflow.ingest.ChecksumAlgorithm;
import org.scopeflow.ingest.LandedFile;
import org.scopeflow.ingest.MetadataValue;
import org.scopeflow.model.Checksum;

/**
 * How a landed file's checksums and metadata become catalog values — one set of rules for both of the
 * agent's catalogs (the database directly, {@link CatalogIngestSink}, and the server,
 * {@link ServerCatalogSink}), so that a file looks the same in the catalog whichever way it came.
 */
final class LandedFileValues {
    /** Acquisition settings that describe the whole session, copied from sidecar files to their session. */
    static final List<String> SESSION_KEYS = List.of("voltage_kv", "pixel_size_angstrom",
            "dose_e_per_angstrom2", "exposure_time_s", "frames", "magnification");

    private LandedFileValues() {}

    /** SHA-256 when the watch computes it (the archival standard), else the fast hash. */
    static Checksum primaryChecksum(LandedFile landed) {
        String sha = landed.checksums().get(ChecksumAlgorithm.SHA256);
        if (sha != null) {
            return new Checksum("sha-256", sha);
        }
        Map.Entry<ChecksumAlgorithm, String> any = landed.checksums().entrySet().iterator().next();
        return new Checksum(catalogName(any.getKey()), any.getValue());
    }

    /** The catalog's name of an algorithm: {@code sha-256}, {@code xxh3-128}. */
    static String catalogName(ChecksumAlgorithm algorithm) {
        return algorithm == ChecksumAlgorithm.SHA256 ? "sha-256" : algorithm.id();
    }

    /** Whether the value also describes the file's session: acquisition settings read from a sidecar. */
    static boolean describesSession(LandedFile landed, MetadataValue m) {
        return isSidecar(landed.relativePath()) && SESSION_KEYS.contains(m.key());
    }

    /** Acquisition sidecars (EPU XML, SerialEM .mdoc) describe the session; image headers do not. */
    private static boolean isSidecar(String relativePath) {
        String lower = relativePath.toLowerCase(Locale.ROOT);
        return lower.endsWith(".xml") || lower.endsWith(".mdoc");
    }

    /**
     * The metadata key {@code storage_path}: where the bytes are, relative to the file's storage root
     * (the relative path is relative to the watch source, and the destination template may rearrange it).
     */
    static final String STORAGE_PATH = "storage_path";

    /** The destination relative to a storage root directory, '/'-separated; null when it lies outside. */
    static String storagePath(Path rootDir, Path destination) {
        if (destination == null || !destination.startsWith(rootDir) || destination.equals(rootDir)) {
            return null;
        }
        return rootDir.relativize(destination).toString().replace(java.io.File.separatorChar, '/');
    }

    /** The value as a finite number, or null when it is a text. */
    static Double number(MetadataValue m) {
        try {
            double number = Double.parseDouble(m.value());
            return Double.isFinite(number) ? number : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** The unit of a numeric value, null for dimensionless ones. */
    static String unit(MetadataValue m) {
        return m.unit().isEmpty() ? null : m.unit();
    }
}
