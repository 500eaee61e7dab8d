package org.scopeflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scopeflow.server.auth.Role;
import org.scopeflow.server.http.ApiRoute;

/**
 * Every API endpoint × every caller (admin, staff, member of the own project, member of another
 * project, agent, anonymous) × own or other project → the expected status code. A row whose
 * path uses the own project's rows shows what the member may do; the same path with the other
 * project's rows shows what the member may not see (404, so nothing leaks). 403 is a role gate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {
    /** method path | JSON body (- for none) | admin staff member outsider agent anonymous */
    static final String MATRIX = """
            GET /api/health | - | 200 200 200 200 200 200
            GET /api/openapi.json | - | 200 200 200 200 200 200
            POST /api/login | {"username":"nobody","password":"wrong password"} | 401 401 401 401 401 401
            POST /api/logout | - | 204 204 204 204 403 401
            GET /api/me | - | 200 200 200 200 403 401
            GET /api/me/tokens | - | 200 200 200 200 403 401
            POST /api/me/tokens | {"name":"matrix {uniq}"} | 201 201 201 201 403 401
            DELETE /api/me/tokens/999999 | - | 404 404 404 404 403 401
            GET /api/users | - | 200 403 403 403 403 401
            POST /api/users | {"username":"u{uniq}","role":"member","password":"long enough pw"} | 201 403 403 403 403 401
            POST /api/users/{member_user}/tokens | {"name":"t{uniq}"} | 201 403 403 403 403 401
            GET /api/instruments | - | 200 200 200 200 403 401
            GET /api/instruments/{instrument} | - | 200 200 200 200 403 401
            POST /api/instruments | {"name":"scope-{uniq}","kind":"cryo-em"} | 201 201 403 403 403 401
            GET /api/projects | - | 200 200 200 200 403 401
            GET /api/projects/{own_project} | - | 200 200 200 404 403 401
            GET /api/projects/{other_project} | - | 200 200 404 200 403 401
            POST /api/projects | {"name":"p{uniq}"} | 201 201 403 403 403 401
            GET /api/projects/{own_project}/members | - | 200 200 200 404 403 401
            GET /api/projects/{other_project}/members | - | 200 200 404 200 403 401
            PUT /api/projects/{own_project}/members | {"username":"member1","role":"member"} | 200 200 403 403 403 401
            DELETE /api/projects/{own_project}/members/999999 | - | 404 404 403 403 403 401
            GET /api/sessions | - | 200 200 200 200 403 401
            GET /api/sessions/{own_session} | - | 200 200 200 404 403 401
            GET /api/sessions/{other_session} | - | 200 200 404 200 403 401
            GET /api/sessions/{own_session}/summary | - | 200 200 200 404 403 401
            GET /api/sessions/{other_session}/summary | - | 200 200 404 200 403 401
            POST /api/sessions | {"name":"s{uniq}","project_id":{own_project}} | 201 201 403 403 403 401
            POST /api/sessions/{own_session}/state | {"state":"open"} | 409 409 403 403 403 401
            PUT /api/sessions/{own_session}/project | {"project_id":{own_project}} | 200 200 403 403 403 401
            GET /api/sessions/{own_session}/files | - | 200 200 200 404 403 401
            GET /api/sessions/{other_session}/files | - | 200 200 404 200 403 401
            GET /api/sessions/{own_session}/metrics | - | 200 200 200 404 403 401
            GET /api/sessions/{other_session}/metrics | - | 200 200 404 200 403 401
            GET /api/sessions/{own_session}/jobs | - | 200 200 200 404 403 401
            GET /api/sessions/{other_session}/jobs | - | 200 200 404 200 403 401
            GET /api/sessions/{own_session}/comments | - | 200 200 200 404 403 401
            POST /api/sessions/{own_session}/comments | {"body":"looks good"} | 201 201 201 404 403 401
            POST /api/sessions/{other_session}/comments | {"body":"looks good"} | 201 201 404 201 403 401
            GET /api/sessions/{own_session}/events | - | 200 200 200 404 403 401
            GET /api/sessions/{other_session}/events | - | 200 200 404 200 403 401
            GET /api/files/{own_file} | - | 200 200 200 404 403 401
            GET /api/files/{other_file} | - | 200 200 404 200 403 401
            PUT /api/files/{own_file}/metadata | {"values":[{"key":"ice_thickness","value":1.1}]} | 204 204 403 403 403 401
            GET /api/files/{own_file}/thumbnail | - | 200 200 200 404 403 401
            GET /api/files/{own_file}/images/thumbnail | - | 200 200 200 404 403 401
            GET /api/files/{other_file}/images/thumbnail | - | 404 404 404 404 403 401
            GET /api/sessions/{own_session}/images/classes | - | 200 200 200 404 403 401
            GET /api/sessions/{other_session}/images/classes | - | 404 404 404 404 403 401
            GET /api/files/{own_file}/content | - | 200 200 200 404 403 401
            GET /api/files/{other_file}/content | - | 200 200 404 200 403 401
            GET /api/storage/default/thumbs/movie_0.png | - | 200 200 403 403 403 401
            GET /api/sessions/{own_session}/pipelines | - | 200 200 200 404 403 401
            GET /api/sessions/{other_session}/pipelines | - | 200 200 404 200 403 401
            POST /api/sessions/{own_session}/pipelines | {"template":"light-sheet"} | 201 200 403 403 403 401
            POST /api/agents/register | {"name":"pc-{role}"} | 200 403 403 403 200 401
            POST /api/agents/{agent}/heartbeat | {"backlog_files":3} | 200 403 403 403 200 401
            POST /api/agents/{agent}/file-events | {"events":[]} | 200 403 403 403 200 401
            GET /api/agents | - | 200 200 403 403 403 401
            """;
    static final List<String> CALLERS = List.of("admin", "staff", "member", "outsider", "agent", "anonymous");

    @TempDir
    static Path tmp;
    ServerFixture fx;
    long agentId;
    final AtomicInteger uniq = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        fx = new ServerFixture(tmp);
        HttpResponse<String> r = fx.send("POST", "/api/agents/register", fx.tokens.get(Role.AGENT), "{\"name\":\"pc-agent\"}");
        agentId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("id").asLong();
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    record Row(String method, String path, String body, Map<String, Integer> expected) {}

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String line : MATRIX.strip().split("\n")) {
            String[] parts = line.split(" \\| ");
            String[] request = parts[0].trim().split(" ");
            String[] codes = parts[2].trim().split(" ");
            Map<String, Integer> expected = new LinkedHashMap<>();
            for (int i = 0; i < CALLERS.size(); i++) {
                expected.put(CALLERS.get(i), Integer.parseInt(codes[i]));
            }
            rows.add(new Row(request[0], request[1], parts[1].trim().equals("-") ? null : parts[1].trim(), expected));
        }
        return rows;
    }

    static Stream<Arguments> cases() {
        return rows().stream().flatMap(r -> CALLERS.stream().map(c -> Arguments.of(r.method() + " " + r.path(), c, r)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void statusMatches(String name, String caller, Row row) throws Exception {
        String path = fill(row.path(), caller);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.base + path)).header("Accept", "text/event-stream, application/json");
        String token = token(caller);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (row.body() != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(row.method(), row.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(fill(row.body(), caller)));
        HttpResponse<InputStream> r = fx.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = r.body()) {
            boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            String text = stream ? "(event stream)" : new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(r.statusCode()).as("%s %s as %s: %s", row.method(), path, caller, text).isEqualTo(row.expected().get(caller));
        }
    }

    @Test
    void everyApiRouteIsInTheMatrix() {
        Set<String> covered = new HashSet<>();
        for (Row r : rows()) {
            covered.add(r.method() + " " + r.path().replace("default/thumbs/movie_0.png", "#/#").replace("/images/thumbnail", "/images/#").replace("/images/classes", "/images/#").replaceAll("\\{[a-z_]+}|\\d+", "#"));
        }
        for (ApiRoute route : fx.server.routes()) {
            if (route.isApi()) {
                String key = route.method().name() + " " + route.path().replaceAll("\\{[a-z_]+}", "#").replace("<path>", "#");
                assertThat(covered).as("route %s %s has no row in the authorization matrix", route.method(), route.path()).contains(key);
            }
        }
    }

    private String token(String caller) {
        return switch (caller) {
            case "admin" -> fx.tokens.get(Role.ADMIN);
            case "staff" -> fx.tokens.get(Role.STAFF);
            case "member" -> fx.tokens.get(Role.MEMBER);
            case "outsider" -> fx.outsiderToken;
            case "agent" -> fx.tokens.get(Role.AGENT);
            default -> null;
        };
    }

    private String fill(String s, String caller) {
        return s.replace("{own_session}", Long.toString(fx.ownSession)).replace("{other_session}", Long.toString(fx.otherSession))
                .replace("{own_project}", Long.toString(fx.ownProject)).replace("{other_project}", Long.toString(fx.otherProject))
                .replace("{own_file}", Long.toString(fx.ownFiles.get(0))).replace("{other_file}", Long.toString(fx.otherFile))
                .replace("{instrument}", Long.toString(fx.instrument)).replace("{agent}", Long.toString(agentId))
                .replace("{member_user}", Long.toString(fx.accounts.get(Role.MEMBER).userId()))
                .replace("{role}", caller).replace("{uniq}", Integer.toString(uniq.incrementAndGet()));
    }
}
