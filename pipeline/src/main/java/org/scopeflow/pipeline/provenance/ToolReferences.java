package org.scopeflow.pipeline.provenance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Which published software a command's program belongs to, and the reference to cite for it. */
final class ToolReferences {
    /** A citable software package. */
    record Software(String name, String reference) {
    }

    static final Software RELION = new Software("RELION", "Zivanov J, Nakane T, Forsberg BO, Kimanius D, Hagen WJH, "
            + "Lindahl E, Scheres SHW. New tools for automated high-resolution cryo-EM structure determination in RELION-3. "
            + "eLife 2018;7:e42166.");
    static final Software IMOD = new Software("IMOD", "Kremer JR, Mastronarde DN, McIntosh JR. Computer visualization of "
            + "three-dimensional image data using IMOD. J Struct Biol 1996;116:71–76.");
    static final Software CTFFIND = new Software("CTFFIND4", "Rohou A, Grigorieff N. CTFFIND4: Fast and accurate defocus "
            + "estimation from electron micrographs. J Struct Biol 2015;192:216–221.");
    static final Software MOTIONCOR2 = new Software("MotionCor2", "Zheng SQ, Palovcak E, Armache JP, Verba KA, Cheng Y, "
            + "Agard DA. MotionCor2: anisotropic correction of beam-induced motion for improved cryo-electron microscopy. "
            + "Nat Methods 2017;14:331–332.");
    static final Software SLURM = new Software("Slurm", "Yoo AB, Jette MA, Grondona M. SLURM: Simple Linux Utility for "
            + "Resource Management. In: Job Scheduling Strategies for Parallel Processing, LNCS 2862, Springer 2003:44–60.");
    private static final Set<String> IMOD_PROGRAMS = Set.of("extracttilts", "tiltxcorr", "xftoxg", "newstack", "tilt",
            "batchruntomo", "ccderaser", "alignframes", "etomo", "xcorrstack");

    private ToolReferences() {
    }

    /** The package a program belongs to, if it is one we know to cite. */
    static Optional<Software> of(String tool) {
        String t = tool == null ? "" : tool.substring(tool.lastIndexOf('/') + 1);
        if (t.startsWith("relion_")) {
            return Optional.of(RELION);
        }
        if (IMOD_PROGRAMS.contains(t)) {
            return Optional.of(IMOD);
        }
        if (t.startsWith("ctffind")) {
            return Optional.of(CTFFIND);
        }
        if (t.equalsIgnoreCase("motioncor2")) {
            return Optional.of(MOTIONCOR2);
        }
        return Optional.empty();
    }

    /** Distinct packages of the given programs, in first-seen order. */
    static List<Software> distinct(List<String> tools) {
        Map<String, Software> out = new LinkedHashMap<>();
        tools.forEach(t -> of(t).ifPresent(s -> out.putIfAbsent(s.name(), s)));
        return List.copyOf(out.values());
    }
}
