package org.scopeflow.imaging.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scopeflow.imaging.ctf.CtfParameters;

/**
 * The truth file of a simulated movie: JSON with snake_case fields carrying units — drift per frame
 * (specimen displacement relative to frame 0) in px and Å, defocus U/V (Å, RELION convention),
 * astigmatism angle (°), particle centres (px, in frame 0), particle diameter (Å). Stateless.
 */
public final class TruthFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TruthFile() {}

    public static void write(Path file, String movieName, MovieTruth truth, long seed) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        CtfParameters ctf = truth.ctf();
        root.put("movie", movieName);
        root.put("seed", seed);
        root.put("frames", truth.drift().frames());
        root.put("pixel_size_angstrom", truth.pixelSizeAngstrom());
        root.put("dose_electron_per_angstrom2", truth.totalDoseElectronPerAngstrom2());
        root.put("voltage_kilovolt", ctf.voltageKilovolt());
        root.put("spherical_aberration_millimeter", ctf.sphericalAberrationMillimeter());
        root.put("amplitude_contrast", ctf.amplitudeContrast());
        root.put("defocus_u_angstrom", ctf.defocusUAngstrom());
        root.put("defocus_v_angstrom", ctf.defocusVAngstrom());
        root.put("astigmatism_angle_degree", ctf.astigmatismAngleDegree());
        root.put("particle_diameter_angstrom", truth.particleDiameterAngstrom());
        ArrayNode drift = root.putArray("drift");
        for (int f = 0; f < truth.drift().frames(); f++) {
            drift.addObject().put("frame", f)
                    .put("x_pixel", truth.drift().x(f)).put("y_pixel", truth.drift().y(f))
                    .put("x_angstrom", truth.drift().x(f) * truth.pixelSizeAngstrom())
                    .put("y_angstrom", truth.drift().y(f) * truth.pixelSizeAngstrom());
        }
        ArrayNode particles = root.putArray("particles");
        for (MovieTruth.Particle p : truth.particles()) {
            particles.addObject().put("x_pixel", p.xPixel()).put("y_pixel", p.yPixel());
        }
        JSON.writeValue(file.toFile(), root);
    }

    /** @throws IOException naming the file when it is missing, not JSON, or lacks a field */
    public static MovieTruth read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        try {
            CtfParameters ctf = new CtfParameters(number(root, "voltage_kilovolt", file),
                    number(root, "spherical_aberration_millimeter", file), number(root, "amplitude_contrast", file),
                    number(root, "defocus_u_angstrom", file), number(root, "defocus_v_angstrom", file),
                    number(root, "astigmatism_angle_degree", file), 0);
            JsonNode drift = root.path("drift");
            double[] x = new double[drift.size()];
            double[] y = new double[drift.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = number(drift.get(i), "x_pixel", file);
                y[i] = number(drift.get(i), "y_pixel", file);
            }
            List<MovieTruth.Particle> particles = new ArrayList<>();
            for (JsonNode p : root.path("particles")) {
                particles.add(new MovieTruth.Particle(number(p, "x_pixel", file), number(p, "y_pixel", file)));
            }
            return new MovieTruth(new DriftTrack(x, y), number(root, "pixel_size_angstrom", file), ctf, particles,
                    number(root, "particle_diameter_angstrom", file), number(root, "dose_electron_per_angstrom2", file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a valid truth file: " + e.getMessage(), e);
        }
    }

    private static double number(JsonNode node, String field, Path file) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new IOException(file + ": truth field '" + field + "' is missing or not a number ("
                    + v + "); regenerate the file with scopeflow simulate");
        }
        return v.asDouble();
    }
}
