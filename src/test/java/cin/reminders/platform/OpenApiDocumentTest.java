package cin.reminders.platform;

import cin.reminders.testing.RequiredTools;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cin.reminders.testing.RealInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the service serves at {@code /q/openapi}: complete for client generators and gateways (an
 * operationId on every operation, servers, the security each operation needs), and clean under Redocly's recommended
 * rules, run by the real Redocly CLI ({@code .ci/run} installs it into {@code .ci/node_modules}; without it this test
 * fails).
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class OpenApiDocumentTest {

    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path REDOCLY = ROOT.resolve(".ci/node_modules/.bin/redocly");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** The operations that check their own token rather than the bearer JWT (application.properties, own-tokens). */
    static final Set<String> OWN_TOKENS = Set.of("POST /api/notify/callbacks",
            "GET /api/professionals/{participantId}/calendar.ics");

    JsonNode document;
    String raw;

    @BeforeEach
    void fetch() throws IOException {
        raw = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        document = JSON.readTree(raw);
    }

    /** "METHOD /path" -> operation. */
    Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey())) {
                operations.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
            }
        }));
        return operations;
    }

    @Test
    void everyOperationHasItsOwnOperationId() {
        Map<String, JsonNode> operations = operations();
        assertFalse(operations.isEmpty(), "no operations in the document");
        Set<String> ids = new HashSet<>();
        operations.forEach((name, op) -> {
            String id = op.path("operationId").asText("");
            assertFalse(id.isBlank(), name + " has no operationId");
            assertTrue(ids.add(id), name + ": operationId " + id + " is used twice");
        });
    }

    @Test
    void theDocumentNamesItsServers() {
        assertTrue(document.path("servers").isArray() && !document.path("servers").isEmpty(), "no servers");
        document.path("servers").forEach(server -> assertFalse(server.path("url").asText("").isBlank(), "a server without a url"));
    }

    @Test
    void everyOperationDeclaresTheSecurityItNeedsAndEveryDeclaredSchemeIsUsed() {
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertFalse(schemes.isEmpty(), "no security schemes declared");
        Set<String> jwtSchemes = new TreeSet<>();
        schemes.properties().forEach(s -> {
            if ("http".equals(s.getValue().path("type").asText()) && "bearer".equals(s.getValue().path("scheme").asText())
                    && "JWT".equals(s.getValue().path("bearerFormat").asText())) {
                jwtSchemes.add(s.getKey());
            }
        });
        assertEquals(1, jwtSchemes.size(), "one bearer JWT scheme: " + jwtSchemes);
        String jwt = jwtSchemes.iterator().next();

        Set<String> used = new TreeSet<>();
        operations().forEach((name, op) -> {
            // An operation without its own security has the document's (OpenAPI 3: root-level security).
            Set<String> required = new TreeSet<>();
            (op.has("security") ? op.path("security") : document.path("security"))
                    .forEach(requirement -> requirement.fieldNames().forEachRemaining(required::add));
            used.addAll(required);
            required.forEach(s -> assertTrue(schemes.has(s), name + " requires the undeclared scheme " + s));
            String path = name.substring(name.indexOf(' ') + 1);
            boolean protectedPath = path.startsWith("/api/") || path.equals("/dashboard") || path.startsWith("/dashboard/")
                    || path.equals("/my") || path.startsWith("/cases/");
            if (OWN_TOKENS.contains(name)) {
                assertFalse(required.isEmpty(), name + " declares no security (it checks its own token)");
                assertFalse(required.contains(jwt), name + " checks its own token, not the bearer JWT");
            } else if (protectedPath) {
                assertEquals(Set.of(jwt), required, name + " needs the bearer JWT outside dev and test");
            }
        });
        Set<String> declared = new TreeSet<>();
        schemes.fieldNames().forEachRemaining(declared::add);
        assertEquals(declared, used, "declared security schemes vs the ones operations use");
    }

    @Test
    void redoclyRecommendedRulesFindNoErrors() throws Exception {
        if (!Files.isExecutable(REDOCLY)) {
            RequiredTools.missing("Redocly's CLI is missing (" + REDOCLY + "): install it with `npm ci --prefix .ci` (.ci/run does)");
        }
        Path file = ROOT.resolve("target/openapi.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, raw);
        Path out = Files.createTempFile("redocly", ".json");
        try {
            ProcessBuilder builder = new ProcessBuilder(REDOCLY.toString(), "lint", "--extends=recommended",
                    "--format=json", file.toString())
                    .directory(file.getParent().toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(ROOT.resolve("target/redocly.log").toFile()));
            // No usage data or update check: the lint is all this run needs from it.
            builder.environment().put("REDOCLY_TELEMETRY", "off");
            builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("redocly lint did not finish in 2 minutes");
            }
            String report = Files.readString(out, StandardCharsets.UTF_8);
            JsonNode result = JSON.readTree(report.substring(Math.max(0, report.indexOf('{'))));
            List<String> errors = new ArrayList<>();
            for (JsonNode problem : result.path("problems")) {
                if ("error".equals(problem.path("severity").asText())) {
                    errors.add(problem.path("ruleId").asText() + ": " + problem.path("message").asText() + " at "
                            + problem.path("location").path(0).path("pointer").asText());
                }
            }
            assertNotEquals(-1, result.path("totals").path("errors").asInt(-1), "no totals in Redocly's report: " + report);
            assertEquals(List.of(), errors, "Redocly (recommended rules) errors in /q/openapi");
            assertEquals(0, result.path("totals").path("errors").asInt());
            assertEquals(0, process.exitValue(), "redocly lint exit status");
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
