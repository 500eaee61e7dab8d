package org.scopeflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.scopeflow.ingest.CatalogUnavailableException;

/**
 * JSON POSTs to the Scopeflow server with the agent's bearer token, sorting every failure into what the
 * agent does about it: unreachable, timed out, 5xx and 429 → {@link CatalogUnavailableException} (retry
 * later); 401 and 403 → {@link UserFacingException} (the token is wrong: nothing will work until a person
 * fixes it); anything else is returned for the caller to judge. Thread-safe.
 */
final class ServerClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String url;
    private final String token;
    private final String userAgent;

    /**
     * An answer the caller judges.
     *
     * @param status HTTP status
     * @param body   the body as text
     */
    record Response(int status, String body) {
        boolean ok() {
            return status == 200 || status == 201;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("the server answered " + status + " with a body that is not JSON: " + abbreviate(body), e);
            }
        }

        /** The problem's {@code detail} (RFC 7807), else the start of the body. */
        String detail() {
            try {
                JsonNode detail = JSON.readTree(body).path("detail");
                if (detail.isTextual()) {
                    return detail.asText();
                }
            } catch (IOException notJson) {
                // an HTML error page of a proxy, say: shown as it is below
            }
            return abbreviate(body);
        }
    }

    /** @param url base URL without a trailing '/'; @param token the bearer token, never logged */
    ServerClient(String url, String token, String userAgent) {
        this.url = url;
        this.token = token;
        this.userAgent = userAgent;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    String url() {
        return url;
    }

    /**
     * POSTs a JSON body to {@code path} (e.g. {@code /api/agents/register}).
     *
     * @param timeout how long to wait for the answer once connected
     * @throws CatalogUnavailableException the server cannot be reached, timed out, or answered 5xx or 429
     * @throws UserFacingException         (exit 2) the server refused the token (401) or its role (403)
     */
    Response post(String path, byte[] body, Duration timeout) throws CatalogUnavailableException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new CatalogUnavailableException("server " + url + " did not answer POST " + path + " within "
                    + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new CatalogUnavailableException("server " + url + " is unreachable: " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogUnavailableException("interrupted while calling server " + url, e);
        }
        Response response = new Response(r.statusCode(), r.body());
        if (r.statusCode() == 401) {
            throw new UserFacingException("server " + url + " refused the agent token (401: " + response.detail() + "); "
                    + "issue a token for an agent account with 'scopeflow user token NAME' on the server "
                    + "(create the account with 'scopeflow user add NAME --role agent') and set server.token", ExitCodes.USAGE);
        }
        if (r.statusCode() == 403) {
            throw new UserFacingException("server " + url + " does not let this token's account act as an agent (403: "
                    + response.detail() + "); issue a token for an account of role agent: 'scopeflow user add NAME --role agent', "
                    + "then 'scopeflow user token NAME', and set server.token", ExitCodes.USAGE);
        }
        if (r.statusCode() == 429 || r.statusCode() >= 500) {
            throw new CatalogUnavailableException("server " + url + " answered " + r.statusCode() + " to POST " + path + ": "
                    + response.detail());
        }
        return response;
    }

    /** Why a request failed, in words: the JDK's client often nests a message-less ConnectException. */
    private static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "cannot connect (" + (t.getMessage() == null ? "connection refused" : t.getMessage())
                        + "); is the server running and server.url right?";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host " + t.getMessage() + "; check server.url";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
