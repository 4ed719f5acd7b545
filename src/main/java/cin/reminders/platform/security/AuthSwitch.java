package cin.reminders.platform.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import cin.reminders.platform.config.RemindersConfig;
import org.jboss.logging.Logger;

/**
 * The one authentication switch, {@code reminders.auth.enabled}, as the HTTP permission policy of {@code /api/**}
 * and the pages ({@code quarkus.http.auth.permission.api.policy} and {@code .pages.policy=reminders-auth}): on, a
 * request needs an authenticated identity (a valid bearer JWT, 401 without one; on a page, with sign-in on, a
 * signed-in person, else a redirect to the identity provider); off, anyone passes. {@link AccessPolicy} reads the
 * same switch for roles and case ownership, so turning it off turns both off, in any profile.
 */
@ApplicationScoped
public class AuthSwitch implements HttpSecurityPolicy {

    public static final String NAME = "reminders-auth";
    private static final Logger LOG = Logger.getLogger(AuthSwitch.class);
    private final boolean enabled;

    public AuthSwitch(RemindersConfig config) {
        this.enabled = config.auth().enabled();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
                                            AuthorizationRequestContext context) {
        if (!enabled) {
            return CheckResult.permit();
        }
        // An anonymous identity denied is answered with the authentication challenge: 401.
        return identity.map(who -> who.isAnonymous() ? CheckResult.DENY : CheckResult.PERMIT);
    }

    void warnWhenOff(@Observes StartupEvent start) {
        List<String> profiles = ConfigUtils.getProfiles();
        if (!enabled && !profiles.contains("dev") && !profiles.contains("test")) {
            LOG.warnf("reminders.auth.enabled=false in profile %s: /api/** and the dashboard answer anyone, without a"
                    + " token or a role check", String.join(",", profiles));
        }
    }
}
