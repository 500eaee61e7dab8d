package org.scopeflow.pipeline.exec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One line of {@code scontrol show … -o}: {@code Key=Value} pairs separated by spaces, where some
 * values contain spaces themselves ({@code OS=Linux 6.1 #1 SMP}); a token without a well-formed key
 * belongs to the previous value.
 */
public final class SlurmRecord {
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9/:_.]*");
    private final Map<String, String> fields;

    private SlurmRecord(Map<String, String> fields) {
        this.fields = fields;
    }

    public static SlurmRecord parse(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        for (String token : line.strip().split(" +")) {
            int eq = token.indexOf('=');
            if (eq > 0 && KEY.matcher(token.substring(0, eq)).matches()) {
                last = token.substring(0, eq);
                fields.put(last, token.substring(eq + 1));
            } else if (last != null && !token.isEmpty()) {
                fields.put(last, fields.get(last) + " " + token);
            }
        }
        return new SlurmRecord(fields);
    }

    /** Parses every non-blank line. */
    public static List<SlurmRecord> parseLines(String text) {
        return text.lines().filter(l -> !l.isBlank()).map(SlurmRecord::parse).toList();
    }

    /** The value, or {@code ""} when absent. */
    public String get(String key) {
        return fields.getOrDefault(key, "");
    }

    /** A numeric value, or {@code fallback} when absent or not a number (e.g. UNLIMITED). */
    public long number(String key, long fallback) {
        String v = get(key);
        if (v.endsWith("M")) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * A Slurm duration in minutes ({@code [days-]hours:minutes:seconds}, {@code minutes},
     * {@code minutes:seconds}); {@link Long#MAX_VALUE} for UNLIMITED/INFINITE or absent.
     */
    public long minutes(String key) {
        String v = get(key);
        if (v.isEmpty() || v.equals("UNLIMITED") || v.equals("INFINITE") || v.equals("NONE")) {
            return Long.MAX_VALUE;
        }
        long days = 0;
        int dash = v.indexOf('-');
        if (dash > 0) {
            days = Long.parseLong(v.substring(0, dash));
            v = v.substring(dash + 1);
        }
        String[] parts = v.split(":");
        long seconds = switch (parts.length) {
            case 1 -> Long.parseLong(parts[0]) * 60;
            case 2 -> Long.parseLong(parts[0]) * 60 + Long.parseLong(parts[1]);
            default -> Long.parseLong(parts[0]) * 3600 + Long.parseLong(parts[1]) * 60 + Long.parseLong(parts[2]);
        };
        return days * 24 * 60 + (seconds + 59) / 60;
    }

    /** GPUs in a node's {@code Gres} (e.g. {@code gpu:a100:4(S:0-1)} → 4); 0 when none. */
    public int gpus() {
        int total = 0;
        for (String gres : get("Gres").split(",")) {
            String[] parts = gres.replaceAll("\\(.*\\)", "").split(":");
            if (parts.length >= 2 && parts[0].equals("gpu")) {
                try {
                    total += Integer.parseInt(parts[parts.length - 1]);
                } catch (NumberFormatException e) {
                    total += 0;
                }
            }
        }
        return total;
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
