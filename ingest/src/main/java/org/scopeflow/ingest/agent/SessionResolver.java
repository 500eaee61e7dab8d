package org.scopeflow.ingest.agent;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scopeflow.ingest.config.DestinationTemplate;

/**
 * Maps a relative path to its session with the watch's session_pattern. Without a pattern every file
 * belongs to a session named after the watch; a path the pattern does not match goes to "unsorted".
 */
final class SessionResolver {
    private final String watchName;
    private final Pattern pattern;
    private final Set<String> groups;

    SessionResolver(String watchName, Pattern pattern) {
        this.watchName = watchName;
        this.pattern = pattern;
        this.groups = pattern == null ? Set.of() : DestinationTemplate.groupNames(pattern.pattern());
    }

    /** Named-group values for the destination template. */
    Map<String, String> groups(String rel) {
        Map<String, String> out = new HashMap<>();
        if (pattern == null) {
            return out;
        }
        Matcher m = pattern.matcher(rel);
        if (m.find()) {
            for (String g : groups) {
                if (m.group(g) != null) {
                    out.put(g, m.group(g));
                }
            }
        }
        return out;
    }

    String session(String rel) {
        if (pattern == null) {
            return watchName;
        }
        Matcher m = pattern.matcher(rel);
        if (!m.find()) {
            return "unsorted";
        }
        if (groups.contains("session") && m.group("session") != null) {
            return m.group("session");
        }
        String whole = m.group().replaceAll("^/+|/+$", "");
        return whole.isEmpty() ? "unsorted" : whole;
    }
}
