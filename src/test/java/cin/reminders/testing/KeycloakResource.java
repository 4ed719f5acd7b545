package cin.reminders.testing;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Keycloak as the council's identity provider, without Docker: Maven Central's
 * {@code org.keycloak:keycloak-quarkus-dist} (unpacked into target/keycloak by the build), run with
 * {@code kc.sh start-dev} and the realm {@code src/test/resources/keycloak/cin-realm.json} (a client for the pages,
 * test users per role and council). One Keycloak per test JVM, started by the first test that needs it and stopped
 * when the JVM exits. Keycloak needs Java 21+: {@code KEYCLOAK_JAVA_HOME}, else
 * {@code /usr/lib/jvm/temurin-25-jdk-amd64}, else any {@code /usr/lib/jvm/*} of 21 or later. Without one, or without
 * the distribution, a test that needs it fails in CI and is skipped elsewhere ({@link RequiredTools}, {@link Required}).
 * <p>
 * The service's configuration it hands over: bearer JWTs verified with the realm's keys (its JWKS), and sign-in to the
 * pages with the realm's {@code cin-reminders} client.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "cin";
    public static final String CLIENT_ID = "cin-reminders";
    /** The test realm's client secret: a test value, as in the realm file; never a deployment's. */
    public static final String CLIENT_SECRET = "test-only-pages-client-secret";
    static final Path REALM_FILE = Path.of("src/test/resources/keycloak/cin-realm.json");
    static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private static Running running;

    @Override
    public synchronized Map<String, String> start() {
        Running kc = shared();
        return Map.of(
                "quarkus.oidc.auth-server-url", kc.realmUrl(),
                "quarkus.oidc.token.issuer", kc.realmUrl(),
                "reminders.auth.sign-in", "true",
                "quarkus.oidc.pages.client-id", CLIENT_ID,
                "quarkus.oidc.pages.credentials.secret", CLIENT_SECRET,
                "quarkus.oidc.pages.token-state-manager.encryption-secret", "test-only-session-cookie-encryption-secret-0123456789");
    }

    @Override
    public void stop() {
        // Kept for the JVM's other tests; the shutdown hook stops it.
    }

    /** The realm's issuer URL, e.g. http://localhost:41234/realms/cin. */
    public static String realmUrl() {
        return shared().realmUrl();
    }

    /** An access token for a test user, by the password grant (direct access grants are on for the test client). */
    public static String accessToken(String username) {
        String form = Map.of("grant_type", "password", "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
                        "username", username, "password", password(username), "scope", "openid")
                .entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(realmUrl() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + username + ": " + answer.body());
            }
            return new JsonObject(answer.body()).getString("access_token");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The test users' passwords follow one pattern (the realm file). */
    public static String password(String username) {
        return username + "-password";
    }

    static synchronized Running shared() {
        if (running == null) {
            running = Running.start();
        }
        return running;
    }

    /** Keycloak's unpacked distribution: -Dkeycloak.home (the pom sets it), else target/keycloak/keycloak-*. */
    static Optional<Path> home() {
        String configured = System.getProperty("keycloak.home");
        if (configured != null && Files.isRegularFile(Path.of(configured, "bin", "kc.sh"))) {
            return Optional.of(Path.of(configured));
        }
        try (Stream<Path> dirs = Files.list(Path.of("target", "keycloak"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("bin/kc.sh"))).max(Comparator.naturalOrder());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A Java 21+ for Keycloak: KEYCLOAK_JAVA_HOME, else Temurin 25, else any /usr/lib/jvm/* of 21 or later. */
    static Optional<Path> javaHome() {
        String env = System.getenv("KEYCLOAK_JAVA_HOME");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env)).filter(KeycloakResource::java21);
        }
        Path temurin = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        if (java21(temurin)) {
            return Optional.of(temurin);
        }
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            return jvms.filter(KeycloakResource::java21).sorted(Comparator.reverseOrder()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A JDK whose release file says 21 or later, with bin/java. */
    static boolean java21(Path jdk) {
        try {
            if (!Files.isExecutable(jdk.resolve("bin/java")) || !Files.isRegularFile(jdk.resolve("release"))) {
                return false;
            }
            return Files.readAllLines(jdk.resolve("release")).stream().filter(l -> l.startsWith("JAVA_VERSION="))
                    .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", "").split("[.+-]")[0])
                    .anyMatch(major -> major.matches("\\d+") && Integer.parseInt(major) >= 21);
        } catch (IOException e) {
            return false;
        }
    }

    /** What is missing to run Keycloak here, if anything. */
    static Optional<String> missing() {
        if (home().isEmpty()) {
            return Optional.of("Keycloak's distribution is not in target/keycloak: `./mvnw test-compile` unpacks"
                    + " org.keycloak:keycloak-quarkus-dist from Maven Central");
        }
        if (javaHome().isEmpty()) {
            return Optional.of("No Java 21+ for Keycloak: set KEYCLOAK_JAVA_HOME, or install one under /usr/lib/jvm"
                    + " (e.g. /usr/lib/jvm/temurin-25-jdk-amd64)");
        }
        return Optional.empty();
    }

    /**
     * On a test class that needs Keycloak, before Quarkus starts: skipped on a developer's machine without Java 21+ or
     * the distribution; in CI ({@link RequiredTools#required()}) it runs, and fails with what is missing.
     */
    public static class Required implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<String> missing = missing();
            if (missing.isEmpty() || RequiredTools.required()) {
                return ConditionEvaluationResult.enabled("Keycloak can run here, or is required");
            }
            return ConditionEvaluationResult.disabled(missing.get() + " (skipped on this machine; CI requires it)");
        }
    }

    record Running(Process process, int port) {

        String realmUrl() {
            return "http://localhost:" + port + "/realms/" + REALM;
        }

        static Running start() {
            missing().ifPresent(what -> {
                throw new IllegalStateException(what + (RequiredTools.required() ? " (the tools are required here)" : ""));
            });
            Path home = home().orElseThrow().toAbsolutePath();
            Path java = javaHome().orElseThrow();
            try {
                // A fresh realm each run: start-dev keeps its H2 database under data/.
                Path data = home.resolve("data");
                if (Files.exists(data)) {
                    try (Stream<Path> old = Files.walk(data)) {
                        old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
                Files.createDirectories(data.resolve("import"));
                try (InputStream realm = Files.newInputStream(REALM_FILE)) {
                    Files.copy(realm, data.resolve("import/cin-realm.json"), StandardCopyOption.REPLACE_EXISTING);
                }
                int port = freePort();
                Path log = Path.of("target", "keycloak.log").toAbsolutePath();
                ProcessBuilder pb = new ProcessBuilder(List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                        "--import-realm", "--http-port=" + port, "--http-management-port=" + freePort(),
                        "--hostname-strict=false"))
                        .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
                pb.environment().put("JAVA_HOME", java.toString());
                pb.environment().put("KC_CACHE", "local");
                // Two cores shared with other builds: a small heap, and no second copy of the JVM's defaults.
                pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
                Process process = pb.start();
                Running kc = new Running(process, port);
                Runtime.getRuntime().addShutdownHook(new Thread(kc::stop, "keycloak-stop"));
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                URI discovery = URI.create(kc.realmUrl() + "/.well-known/openid-configuration");
                await("Keycloak's realm " + REALM + " on port " + port + " (log: " + log + ")").atMost(START_TIMEOUT)
                        .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .failFast("Keycloak exited before its realm was up: see " + log, () -> !process.isAlive())
                        .until(() -> http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
                return kc;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start Keycloak from " + home, e);
            }
        }

        void stop() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
