package cin.reminders.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Sign-in on, in production, with the identity provider unreachable (down, or a placeholder URL): the service still
 * starts and serves the API (and the pages) to bearer tokens verified with the mounted public key; a person's page
 * answers 503 until the identity provider is back.
 */
@QuarkusTest
@TestProfile(SignInIdpDownTest.IdpDown.class)
class SignInIdpDownTest {

    public static class IdpDown extends ProductionProfile {
        @Override
        boolean authEnabled() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("reminders.auth.sign-in", "true");
            // Nothing listens on port 1.
            config.put("quarkus.oidc.pages.auth-server-url", "http://127.0.0.1:1/realms/nowhere");
            config.put("quarkus.oidc.pages.connection-timeout", "PT1S");
            config.put("quarkus.oidc.pages.credentials.secret", "test-only-secret");
            config.put("quarkus.oidc.pages.token-state-manager.encryption-secret", "test-only-session-secret-0123456789abcdef");
            config.put("smallrye.jwt.sign.key.location", "jwt/privateKey.pem");
            return config;
        }
    }

    @Test
    void theApiAnswersBearerTokensWhileThePagesIdentityProviderIsDown() {
        String manager = Jwt.issuer(cin.reminders.testing.SecuredInfrastructure.ISSUER).upn("tm1")
                .groups(Set.of("manager")).claim("authority", "durham").sign();
        given().auth().oauth2(manager).get("/api/obligations").then().statusCode(200);
        given().auth().oauth2(manager).get("/dashboard").then().statusCode(200);
        given().get("/api/obligations").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
        // A person's page waits for the identity provider: 503 with a sentence, not a bare 500.
        given().redirects().follow(false).get("/dashboard").then().statusCode(503).header("Retry-After", "30")
                .body(containsString("Signing in is unavailable just now"));
    }
}
