package cin.reminders.platform.security;

import cin.reminders.platform.config.RemindersConfig;
import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which OIDC tenant checks a request. A page ({@link #isPage}) without a bearer token, with sign-in on, goes to the
 * {@code pages} tenant: OpenID Connect's code flow, a redirect to the council's identity provider and an encrypted
 * session cookie. Everything else, a page with a bearer token included, goes to the default tenant, which takes
 * bearer JWTs only: {@code /api/**} without a token is 401, never a redirect.
 */
@ApplicationScoped
public class PagesTenantResolver implements TenantResolver {

    /** The code-flow tenant's name (quarkus.oidc.pages.*). */
    public static final String PAGES = "pages";

    private final boolean signIn;

    public PagesTenantResolver(RemindersConfig config) {
        this.signIn = config.auth().enabled() && config.auth().signIn();
    }

    @Override
    public String resolve(RoutingContext context) {
        if (!signIn || !isPage(context.normalizedPath())) {
            return null;
        }
        String authorization = context.request().getHeader("Authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        return bearer ? null : PAGES;
    }

    /**
     * The HTML pages for people, the IdP's way back ({@code /sign-in}) and the sign-out they post to (as
     * quarkus.http.auth.permission.pages.paths).
     */
    public static boolean isPage(String path) {
        return path.equals("/dashboard") || path.startsWith("/dashboard/") || path.equals("/my") || path.startsWith("/my/")
                || path.equals("/cases") || path.startsWith("/cases/") || path.equals(SignOutResource.SIGN_IN) || path.equals(SignOutResource.PATH);
    }
}
