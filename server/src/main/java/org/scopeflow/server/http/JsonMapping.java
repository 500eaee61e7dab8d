package org.scopeflow.server.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON conventions of the API, shared with the CLI's {@code --json}: snake_case field names
 * (records name their units: {@code size_bytes}, {@code defocus_u_angstrom}), times as ISO 8601
 * UTC strings, unknown request fields rejected so that a typo is reported instead of ignored.
 */
public final class JsonMapping {
    private JsonMapping() {}

    /** A new mapper with the API's conventions; thread-safe once built. */
    public static ObjectMapper create() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }
}
