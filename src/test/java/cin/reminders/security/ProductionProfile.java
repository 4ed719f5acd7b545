package cin.reminders.security;

import cin.reminders.testing.RealInfrastructure;
import cin.reminders.testing.SecuredInfrastructure;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real infrastructure in the {@code prod} configuration profile, as a deployment runs it: none of the
 * {@code %test} settings apply, so {@code reminders.auth.enabled} is the only thing that decides who may call the
 * API. The notice loops stay off (nothing here is about notices).
 */
abstract class ProductionProfile extends RealInfrastructure {

    /** Where this profile's service logs (per test JVM, so a run reads only its own start-up). */
    static final Path LOG = Path.of("target", "auth-switch-" + ProcessHandle.current().pid() + ".log");

    abstract boolean authEnabled();

    @Override
    public String getConfigProfile() {
        return "prod";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "reminders.auth.enabled", Boolean.toString(authEnabled()),
                "reminders.embedded.enabled", "false",
                "notices.loops.enabled", "false",
                "reminders.auth.public-key-location", "jwt/publicKey.pem",
                "quarkus.oidc.token.issuer", SecuredInfrastructure.ISSUER,
                "quarkus.log.console.json.enabled", "false",
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG.toString(),
                "quarkus.log.file.json.enabled", "false");
    }
}
