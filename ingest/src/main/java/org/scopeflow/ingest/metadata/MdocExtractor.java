package org.scopeflow.ingest.metadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scopeflow.ingest.MetadataValue;

/**
 * SerialEM {@code .mdoc}: {@code Key = Value} lines, global ones first, then one {@code [ZValue = n]}
 * section per frame or tilt. Reports the number of sections ({@code section_count}), and from the first
 * section (or the global header) pixel size (Å), voltage (kV), exposure time (s), dose per section
 * summed over sections ({@code dose_e_per_angstrom2}), frames per exposure ({@code NumSubFrames}) and
 * target defocus (µm, positive for underfocus). Tilt series also get the tilt range in degrees.
 */
public final class MdocExtractor implements MetadataExtractor {
    @Override
    public boolean accepts(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".mdoc");
    }

    @Override
    public List<MetadataValue> extract(Path file) throws IOException {
        List<Map<String, String>> sections = sections(Files.readAllLines(file, StandardCharsets.UTF_8));
        Map<String, String> global = sections.get(0);
        Map<String, String> first = sections.size() > 1 ? sections.get(1) : global;
        List<MetadataValue> out = new ArrayList<>();
        out.add(MetadataValue.number("section_count", sections.size() - 1, ""));
        num(file, first, global, "PixelSpacing").ifPresent(v -> out.add(MetadataValue.number("pixel_size_angstrom", v, "Å")));
        num(file, first, global, "Voltage").ifPresent(v -> out.add(MetadataValue.number("voltage_kv", v, "kV")));
        num(file, first, global, "ExposureTime").ifPresent(v -> out.add(MetadataValue.number("exposure_time_s", v, "s")));
        num(file, first, global, "NumSubFrames").ifPresent(v -> out.add(MetadataValue.number("frames", v, "")));
        num(file, first, global, "TargetDefocus").ifPresent(v -> out.add(MetadataValue.number("nominal_defocus_um", -v, "µm")));
        double dose = 0;
        double minTilt = Double.POSITIVE_INFINITY;
        double maxTilt = Double.NEGATIVE_INFINITY;
        for (Map<String, String> s : sections.subList(1, sections.size())) {
            dose += num(file, s, Map.of(), "ExposureDose").orElse(0.0);
            double tilt = num(file, s, Map.of(), "TiltAngle").orElse(Double.NaN);
            if (!Double.isNaN(tilt)) {
                minTilt = Math.min(minTilt, tilt);
                maxTilt = Math.max(maxTilt, tilt);
            }
        }
        if (dose > 0) {
            out.add(MetadataValue.number("dose_e_per_angstrom2", dose, "e/Å²"));
        }
        if (sections.size() > 2 && minTilt <= maxTilt) {
            out.add(MetadataValue.number("tilt_min_deg", minTilt, "°"));
            out.add(MetadataValue.number("tilt_max_deg", maxTilt, "°"));
        }
        return out;
    }

    private static List<Map<String, String>> sections(List<String> lines) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        out.add(current);
        for (String raw : lines) {
            String line = raw.trim();
            if (line.startsWith("[")) {
                current = new LinkedHashMap<>();
                out.add(current);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                current.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return out;
    }

    private static java.util.Optional<Double> num(Path file, Map<String, String> a, Map<String, String> b, String key) {
        String v = a.getOrDefault(key, b.get(key));
        if (v == null) {
            return java.util.Optional.empty();
        }
        String firstToken = v.split("\\s+")[0];
        try {
            return java.util.Optional.of(Double.parseDouble(firstToken));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + key + " value '" + v + "' is not a number");
        }
    }
}
