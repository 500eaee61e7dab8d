package org.scopeflow.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scopeflow.server.http.Access;
import org.scopeflow.server.http.ApiRoute;

/**
 * The OpenAPI 3.0 document of the API, generated from the route table so that it cannot drift:
 * every {@code /api} route appears with its method, path parameters, summary, who may call it
 * and the problem responses. Request and response bodies are described in server/README.md.
 */
public final class OpenApiDocument {
    private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}|<([a-z_]+)>");

    private OpenApiDocument() {}

    public static String render(List<ApiRoute> routes, ObjectMapper mapper) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("openapi", "3.0.3");
        doc.putObject("info").put("title", "Scopeflow API").put("version", "1")
                .put("description", "JSON with snake_case fields carrying units; times in ISO 8601 UTC; "
                        + "errors as RFC 7807 problems; listings take limit (1-1000) and cursor (next_cursor of the previous page).");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
        schemes.putObject("cookie").put("type", "apiKey").put("in", "cookie").put("name", "scopeflow_session");
        components.putObject("schemas").putObject("Problem").put("type", "object").putObject("properties")
                .<ObjectNode>set("type", mapper.createObjectNode().put("type", "string"))
                .<ObjectNode>set("title", mapper.createObjectNode().put("type", "string"))
                .<ObjectNode>set("status", mapper.createObjectNode().put("type", "integer"))
                .<ObjectNode>set("detail", mapper.createObjectNode().put("type", "string"))
                .set("instance", mapper.createObjectNode().put("type", "string"));
        ObjectNode paths = doc.putObject("paths");
        for (ApiRoute r : routes) {
            if (r.isApi()) {
                ObjectNode item = paths.has(openApiPath(r.path())) ? (ObjectNode) paths.get(openApiPath(r.path()))
                        : paths.putObject(openApiPath(r.path()));
                item.set(r.method().name().toLowerCase(Locale.ROOT), operation(r, mapper));
            }
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("OpenAPI document cannot be written", e);
        }
    }

    /** Javalin's {@code {id}} and {@code <path>} both become OpenAPI's {@code {id}}. */
    public static String openApiPath(String javalinPath) {
        return javalinPath.replace('<', '{').replace('>', '}');
    }

    private static ObjectNode operation(ApiRoute r, ObjectMapper mapper) {
        ObjectNode op = mapper.createObjectNode();
        op.put("summary", r.summary());
        op.put("description", "Allowed: " + r.access().description() + ".");
        op.put("operationId", r.method().name().toLowerCase(Locale.ROOT) + r.path().replaceAll("[^A-Za-z0-9]+", "_"));
        ArrayNode params = op.putArray("parameters");
        Matcher m = PARAM.matcher(r.path());
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            params.addObject().put("name", name).put("in", "path").put("required", true)
                    .putObject("schema").put("type", name.equals("id") ? "integer" : "string");
        }
        if (r.access() == Access.PUBLIC) {
            op.putArray("security");
        } else {
            ArrayNode security = op.putArray("security");
            security.addObject().putArray("bearer");
            security.addObject().putArray("cookie");
        }
        ObjectNode responses = op.putObject("responses");
        responses.putObject("200").put("description", "success (201 for creations)");
        for (String code : new String[] {"400", "401", "403", "404"}) {
            responses.putObject(code).put("description", "problem").putObject("content")
                    .putObject("application/problem+json").putObject("schema").put("$ref", "#/components/schemas/Problem");
        }
        return op;
    }
}
