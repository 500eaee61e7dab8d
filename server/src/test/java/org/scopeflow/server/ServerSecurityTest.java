package org.scopeflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scopeflow.server.api.OpenApiDocument;
import org.scopeflow.server.auth.Role;

/** Path traversal, login cookies and CSRF, token handling and the OpenAPI document, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerSecurityTest {
    @TempDir
    static Path tmp;
    ServerFixture fx;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() throws Exception {
        fx = new ServerFixture(tmp);
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOP SECRET outside the storage root");
        Files.createSymbolicLink(fx.storage.resolve("escape.txt"), secret);
        Files.createSymbolicLink(fx.storage.resolve("escape-dir"), tmp);
        Files.writeString(fx.storage.resolve("thumbs/inside.txt"), "inside");
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    @Test
    void storageServesFilesInsideTheRoot() throws Exception {
        HttpResponse<String> r = fx.get("/api/storage/default/thumbs/inside.txt", fx.tokens.get(Role.STAFF));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("inside");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.txt", "thumbs/../../secret.txt", "%2e%2e/secret.txt", "thumbs/%2e%2e/%2e%2e/secret.txt",
        "%2E%2E%2Fsecret.txt", "..%2fsecret.txt", "escape.txt", "escape-dir/secret.txt", "thumbs/..%5c..%5csecret.txt"})
    void nothingOutsideTheStorageRootIsServed(String path) throws Exception {
        String target = "/api/storage/default/" + path;
        int status = rawGet(target, fx.tokens.get(Role.ADMIN));
        assertThat(status).as(target).isIn(400, 404);
        HttpResponse<String> r = fx.http.send(HttpRequest.newBuilder(URI.create(fx.base + target.replace("%5c", "%5C")))
                .header("Authorization", "Bearer " + fx.tokens.get(Role.ADMIN)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).doesNotContain("TOP SECRET");
    }

    /** Sends the path bytes as given (no client-side normalisation of '..'). */
    private int rawGet(String target, String token) throws Exception {
        URI base = URI.create(fx.base);
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            String req = "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n";
            s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).doesNotContain("TOP SECRET");
            return Integer.parseInt(response.substring(9, 12));
        }
    }

    @Test
    void thumbnailIsServedFromTheMoviesStorageRoot() throws Exception {
        HttpResponse<byte[]> r = fx.http.send(HttpRequest.newBuilder(URI.create(fx.base + "/api/files/" + fx.ownFiles.get(0) + "/thumbnail"))
                .header("Authorization", "Bearer " + fx.tokens.get(Role.MEMBER)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(r.body()).isEqualTo(ServerFixture.tinyPng());
    }

    @Test
    void picturesOfAMovieAreServedByNameAndUnknownNamesAreProblems() throws Exception {
        String base = "/api/files/" + fx.ownFiles.get(0) + "/images/";
        HttpResponse<byte[]> thumb = fx.http.send(HttpRequest.newBuilder(URI.create(fx.base + base + "thumbnail"))
                .header("Authorization", "Bearer " + fx.tokens.get(Role.MEMBER)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(thumb.statusCode()).isEqualTo(200);
        assertThat(thumb.body()).isEqualTo(ServerFixture.tinyPng());
        HttpResponse<String> missing = fx.send("GET", base + "picks", fx.tokens.get(Role.MEMBER), null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("has no picks picture yet");
        HttpResponse<String> unknown = fx.send("GET", base + "..%2F..%2Fetc", fx.tokens.get(Role.MEMBER), null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void picturesOfASessionAreServedByNameFromItsStorageRootAndNeverFromOutside() throws Exception {
        String base = "/api/sessions/" + fx.ownSession + "/images/";
        HttpResponse<byte[]> classes = fx.http.send(HttpRequest.newBuilder(URI.create(fx.base + base + "classes"))
                .header("Authorization", "Bearer " + fx.tokens.get(Role.MEMBER)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(classes.statusCode()).isEqualTo(200);
        assertThat(classes.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(classes.body()).isEqualTo(ServerFixture.tinyPng());
        HttpResponse<String> unknown = fx.send("GET", base + "particles", fx.tokens.get(Role.MEMBER), null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no session picture called 'particles'; known: classes");
        HttpResponse<String> none = fx.send("GET", "/api/sessions/" + fx.otherSession + "/images/classes", fx.tokens.get(Role.STAFF), null);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("has no classes picture yet");

        // a picture whose recorded path leaves the storage roots is refused, never read
        fx.catalog.metadata().put(org.scopeflow.model.MetadataValue.text(org.scopeflow.model.MetadataOwner.SESSION, fx.otherSession,
                "twod.classes_png", "../../../../etc/passwd"));
        HttpResponse<String> outside = fx.send("GET", "/api/sessions/" + fx.otherSession + "/images/classes", fx.tokens.get(Role.STAFF), null);
        assertThat(outside.statusCode()).as("a path that leaves the root is refused").isEqualTo(400);
        assertThat(outside.body()).doesNotContain("root:");

        String html = fx.get("/sessions/" + fx.ownSession, fx.tokens.get(Role.MEMBER)).body();
        assertThat(html).contains("<h2>2D classes</h2>").contains("/api/sessions/" + fx.ownSession + "/images/classes?at=")
                .contains("step class2d");
    }

    @Test
    void loginSetsHttpOnlySameSiteCookieAndStateChangesNeedTheCsrfToken() throws Exception {
        HttpResponse<String> login = fx.send("POST", "/api/login", null,
                "{\"username\":\"member1\",\"password\":\"" + ServerFixture.PASSWORD + "\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("scopeflow_session=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = json.readTree(login.body()).get("csrf_token").asText();
        String comment = "{\"body\":\"grid looks thin\"}";
        String path = "/api/sessions/" + fx.ownSession + "/comments";
        assertThat(withCookie("GET", path, cookie, null, null).statusCode()).isEqualTo(200);
        assertThat(withCookie("POST", path, cookie, null, comment).statusCode()).isEqualTo(403);
        assertThat(withCookie("POST", path, cookie, "wrong", comment).statusCode()).isEqualTo(403);
        assertThat(withCookie("POST", path, cookie, csrf, comment).statusCode()).isEqualTo(201);
        assertThat(withCookie("POST", "/api/logout", cookie, csrf, null).statusCode()).isEqualTo(204);
        assertThat(withCookie("GET", path, cookie, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void wrongPasswordAndRevokedTokensAreRefused() throws Exception {
        assertThat(fx.send("POST", "/api/login", null, "{\"username\":\"member1\",\"password\":\"nope nope nope\"}").statusCode()).isEqualTo(401);
        HttpResponse<String> created = fx.send("POST", "/api/me/tokens", fx.tokens.get(Role.STAFF), "{\"name\":\"script\"}");
        JsonNode t = json.readTree(created.body());
        String secret = t.get("token").asText();
        assertThat(secret).startsWith("sf_");
        assertThat(fx.get("/api/me", secret).statusCode()).isEqualTo(200);
        JsonNode listed = json.readTree(fx.get("/api/me/tokens", fx.tokens.get(Role.STAFF)).body());
        assertThat(listed.toString()).doesNotContain(secret);
        long id = listed.get("items").get(listed.get("items").size() - 1).get("id").asLong();
        assertThat(fx.send("DELETE", "/api/me/tokens/" + id, fx.tokens.get(Role.STAFF), null).statusCode()).isEqualTo(204);
        assertThat(fx.get("/api/me", secret).statusCode()).isEqualTo(401);
        assertThat(fx.get("/api/me", "sf_made_up").statusCode()).isEqualTo(401);
    }

    @Test
    void webPagesRedirectAnonymousVisitorsToLogin() throws Exception {
        HttpResponse<String> r = fx.http.send(HttpRequest.newBuilder(URI.create(fx.base + "/sessions/" + fx.ownSession))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith("/login?next=%2Fsessions%2F" + fx.ownSession);
    }

    @Test
    void browsersGetAnHtmlErrorPage() throws Exception {
        HttpResponse<String> r = fx.http.send(HttpRequest.newBuilder(URI.create(fx.base + "/no/such/page"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("<h1>404 · Not found</h1>").contains("/no/such/page");
    }

    @Test
    void openApiDocumentListsEveryRegisteredApiRoute() throws Exception {
        JsonNode doc = json.readTree(fx.get("/api/openapi.json", null).body());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        Set<String> documented = new HashSet<>();
        doc.get("paths").fields().forEachRemaining(e -> e.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + e.getKey())));
        Set<String> served = new HashSet<>();
        for (String endpoint : fx.server.registeredEndpoints()) {
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            if (path.startsWith("/api/")) {
                served.add(endpoint.substring(0, endpoint.indexOf(' ')) + " " + OpenApiDocument.openApiPath(path));
            }
        }
        assertThat(served).isNotEmpty();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
    }

    private HttpResponse<String> withCookie(String method, String path, String cookie, String csrf, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.base + path)).header("Cookie", cookie);
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return fx.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
