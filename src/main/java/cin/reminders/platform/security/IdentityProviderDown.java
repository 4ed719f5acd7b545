package cin.reminders.platform.security;

import io.quarkus.oidc.OIDCException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * A page asked for while the council's identity provider cannot be reached (down, or not yet reachable after a
 * deploy): 503 with Retry-After and a sentence for the person, not a bare 500. The API does not depend on it (bearer
 * tokens are verified with the mounted key), so it keeps answering.
 */
@ApplicationScoped
public class IdentityProviderDown {

    private static final Logger LOG = Logger.getLogger(IdentityProviderDown.class);

    void install(@Observes Router router) {
        // Before Quarkus's own error handler, which would answer 500.
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    void handle(RoutingContext context) {
        if (!fromOidc(context.failure()) || context.response().headWritten()) {
            context.next();
            return;
        }
        // No path: a case page's path names the case.
        LOG.warn("Sign-in unavailable: the identity provider could not be reached; a page was answered 503");
        context.response().setStatusCode(503).putHeader("Retry-After", "30")
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end("Signing in is unavailable just now: the council's sign-in service cannot be reached. Try again in a"
                        + " few minutes.");
    }

    static boolean fromOidc(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OIDCException) {
                return true;
            }
        }
        return false;
    }
}
