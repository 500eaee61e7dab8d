package org.scopeflow.ingest.config;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A destination such as {@code /storage/krios1/{session}/{path}}: placeholders {path} (path relative to
 * the source), {name} (file name), {yyyy} {mm} {dd} (date the agent first saw the file) and the named
 * groups of session_pattern. The part before the first placeholder is the storage root, which the agent
 * never creates (a missing root means unmounted storage).
 */
public final class DestinationTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final Pattern GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private final String template;

    public DestinationTemplate(String template) {
        this.template = template;
    }

    /** The placeholder names used in the template, in order. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The named groups of a session_pattern regex. */
    public static Set<String> groupNames(String regex) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = GROUP.matcher(regex);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The fixed directory before the first placeholder, e.g. /storage/krios1. */
    public Path storageRoot() {
        int brace = template.indexOf('{');
        String fixed = brace < 0 ? template : template.substring(0, brace);
        int slash = fixed.lastIndexOf('/');
        return Path.of(slash <= 0 ? "/" : fixed.substring(0, slash)).normalize();
    }

    /**
     * The destination of version 1 of a file.
     *
     * @param relativePath '/'-separated path relative to the source
     * @param firstSeen    date for {yyyy}/{mm}/{dd}
     * @param groups       values of session_pattern groups (missing groups render as "unsorted")
     */
    public Path render(String relativePath, LocalDate firstSeen, Map<String, String> groups) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), relativePath, firstSeen, groups)));
        }
        m.appendTail(out);
        return Path.of(out.toString()).normalize();
    }

    private static String value(String name, String rel, LocalDate day, Map<String, String> groups) {
        return switch (name) {
            case "path" -> rel;
            case "name" -> rel.substring(rel.lastIndexOf('/') + 1);
            case "yyyy" -> String.format("%04d", day.getYear());
            case "mm" -> String.format("%02d", day.getMonthValue());
            case "dd" -> String.format("%02d", day.getDayOfMonth());
            default -> {
                String v = groups.get(name);
                yield v == null || v.isEmpty() ? "unsorted" : v.replace('/', '_');
            }
        };
    }

    @Override
    public String toString() {
        return template;
    }
}
