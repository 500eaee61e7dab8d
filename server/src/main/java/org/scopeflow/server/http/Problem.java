package org.scopeflow.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * An RFC 7807 problem document, the one shape of every error the API returns.
 *
 * @param type     URI naming the kind of problem ({@code about:blank} when the status says it all)
 * @param title    short summary of the kind, the same for every occurrence
 * @param status   HTTP status code
 * @param detail   what went wrong this time: the value and what to do
 * @param instance the request path
 * @param errors   per-field problems (field name → message); may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      Map<String, String> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
