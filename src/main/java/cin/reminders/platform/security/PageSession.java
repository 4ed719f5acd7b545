package cin.reminders.platform.security;

import cin.reminders.platform.config.RemindersConfig;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The pages' view of the person looking, for templates as {@code inject:pageSession}: whether they signed in through
 * the pages (and so have something to sign out of), and the CSRF token every form of the pages carries.
 * <p>
 * CSRF: a double-submit token. The first page that renders a form sets a random token in an HttpOnly,
 * SameSite=Strict cookie and writes the same token into the form's hidden field; a POST is accepted only when the
 * two agree ({@link #accepts}). Another site can make a browser send the cookie (it cannot with SameSite=Strict, the
 * second line) but cannot read it to fill in the field.
 */
@Named("pageSession")
@RequestScoped
public class PageSession {

    /** The form field, and the cookie's name over plain HTTP (dev). */
    public static final String CSRF = "csrf-token";
    /** The cookie over HTTPS: the __Host- prefix keeps a sibling subdomain from planting a token of its choosing. */
    static final String HOST_CSRF = "__Host-" + CSRF;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean enabled;
    private final boolean secureCookies;
    private final String cookieName;
    private final Instance<SecurityIdentity> identity;
    private final RoutingContext request;
    private String token;

    public PageSession(RemindersConfig config, Instance<SecurityIdentity> identity, RoutingContext request) {
        this.enabled = config.auth().enabled();
        this.secureCookies = config.auth().secureCookies();
        this.cookieName = secureCookies ? HOST_CSRF : CSRF;
        this.identity = identity;
        this.request = request;
    }

    /** Signed in through the pages' sign-in (a session to end), not with a bearer token nor with auth off. */
    public boolean isSignedIn() {
        SecurityIdentity who = identity.get();
        // The code flow leaves the ID token among the credentials; a bearer JWT is an access token only.
        return enabled && !who.isAnonymous() && who.getCredential(IdTokenCredential.class) != null;
    }

    /** The form field's name, for templates. */
    public String getCsrfParameter() {
        return CSRF;
    }

    /** This browser's CSRF token: its cookie's, or a new one, set on this response. */
    public String getCsrfToken() {
        if (token == null) {
            Cookie cookie = request.request().getCookie(cookieName);
            if (cookie != null && wellFormed(cookie.getValue())) {
                token = cookie.getValue();
            } else {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                request.response().addCookie(Cookie.cookie(cookieName, token).setPath("/").setHttpOnly(true)
                        .setSecure(secureCookies).setSameSite(CookieSameSite.STRICT));
            }
        }
        return token;
    }

    /** A form's token matches this browser's cookie. */
    public boolean accepts(String submitted) {
        Cookie cookie = request.request().getCookie(cookieName);
        if (submitted == null || cookie == null || !wellFormed(cookie.getValue())) {
            return false;
        }
        return MessageDigest.isEqual(cookie.getValue().getBytes(StandardCharsets.US_ASCII),
                submitted.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean wellFormed(String value) {
        return value != null && value.length() == 43 && value.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }
}
