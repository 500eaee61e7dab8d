package org.scopeflow.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import java.util.stream.Collectors;

/** Reads JSON request bodies, answering malformed or mistyped input with a 400 problem that names the field. */
public final class Bodies {
    private final ObjectMapper mapper;

    public Bodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @throws ProblemException 400 for an empty, malformed or mistyped body; 413 when too large */
    public <T> T read(Context ctx, Class<T> type) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw ProblemException.badRequest("the request has no body; send a JSON object (Content-Type: application/json)");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ProblemException.badRequest("the body is JSON null; send a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.badRequest("unknown field '" + e.getPropertyName() + "'; accepted fields: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw ProblemException.badRequest((field.isEmpty() ? "the body" : "field '" + field + "'")
                    + " has the wrong type or value: " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): " + firstLine(e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw ProblemException.badRequest("the body could not be read: " + e.getMessage());
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
