package org.scopeflow.model.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a YAML configuration document into a {@link ConfigNode} tree, replacing {@code ${NAME}} and
 * {@code ${NAME:-default}} in text values with environment variables (for secrets). An unset variable
 * without a default is a problem reported at the path of the value that uses it.
 */
public final class YamlConfigLoader {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, String> environment;

    /** @param environment the variables {@code ${…}} may name, usually {@code System.getenv()} */
    public YamlConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * Reads a file.
     *
     * @throws ConfigException when the file is missing, unreadable or not YAML (one problem naming
     *                         the line and column), so that callers report it like any other problem
     */
    public ConfigNode load(Path file, ConfigProblems problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add("", "file not found; check the path or omit the option to use the defaults");
            throw new ConfigException(problems.source(), problems.list());
        } catch (IOException e) {
            problems.add("", "cannot be read: " + e.getMessage());
            throw new ConfigException(problems.source(), problems.list());
        }
        return parse(text, problems);
    }

    /** Parses YAML text; see {@link #load}. */
    public ConfigNode parse(String yamlText, ConfigProblems problems) {
        JsonNode root;
        try {
            root = yamlText.isBlank() ? YAML.createObjectNode() : YAML.readTree(yamlText);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            problems.add("", "is not valid YAML" + where + ": " + e.getOriginalMessage());
            throw new ConfigException(problems.source(), problems.list());
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            root = YAML.createObjectNode();
        }
        if (!root.isObject()) {
            problems.add("", "the document must be a mapping of settings (key: value), not " + root.getNodeType());
            throw new ConfigException(problems.source(), problems.list());
        }
        return new ConfigNode(substitute(root, "", problems), "", problems);
    }

    private JsonNode substitute(JsonNode node, String path, ConfigProblems problems) {
        if (node.isTextual()) {
            return TextNode.valueOf(expand(node.asText(), path, problems));
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                e.setValue(substitute(e.getValue(), child, problems));
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, substitute(array.get(i), path + "[" + i + "]", problems));
            }
        }
        return node;
    }

    private String expand(String text, String path, ConfigProblems problems) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = environment.get(m.group(1));
            if (value == null) {
                value = m.group(3);
            }
            if (value == null) {
                problems.add(path, "environment variable " + m.group(1) + " is not set; export it or write ${"
                        + m.group(1) + ":-default}");
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
