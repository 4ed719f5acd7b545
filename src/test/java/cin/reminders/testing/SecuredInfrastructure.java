package cin.reminders.testing;

import java.util.Map;

/**
 * The real infrastructure with security on, as outside dev and test: every /api/** call needs a
 * bearer JWT (verified against the test key pair in src/test/resources/jwt).
 */
public class SecuredInfrastructure extends RealInfrastructure {

    public static final String ISSUER = "https://login.council.test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "reminders.auth.enabled", "true",
                "reminders.auth.public-key-location", "jwt/publicKey.pem",
                "quarkus.oidc.token.issuer", ISSUER,
                "smallrye.jwt.sign.key.location", "jwt/privateKey.pem",
                "reminders.calendar.secret", "test-calendar-secret");
    }
}
