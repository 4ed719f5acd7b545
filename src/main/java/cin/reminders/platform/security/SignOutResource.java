package cin.reminders.platform.security;

import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Signing in and out of the pages. {@code /sign-in} is where the identity provider sends a person back (OIDC
 * handles it and restores the page they asked for). {@code POST /sign-out} (the header's "Sign out" button, a form with the CSRF token) ends
 * this service's session (its cookie) and then the identity provider's (RP-initiated logout: the IdP's
 * end_session_endpoint with the ID token as a hint), which sends the person back to {@code /signed-out}. A POST
 * without the right CSRF token is refused (403), so another site cannot sign people out.
 */
@Path("/")
public class SignOutResource {

    public static final String PATH = "/sign-out";
    /** Where the identity provider sends a person back to (the one redirect URI to register there). */
    public static final String SIGN_IN = "/sign-in";
    public static final String SIGNED_OUT = "/signed-out";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signedOut();
    }

    private final PageSession page;
    private final Instance<SecurityIdentity> identity;
    private final Instance<OidcSession> session;
    private final Instance<OidcConfigurationMetadata> provider;

    public SignOutResource(PageSession page, Instance<SecurityIdentity> identity, Instance<OidcSession> session,
                           Instance<OidcConfigurationMetadata> provider) {
        this.page = page;
        this.identity = identity;
        this.session = session;
        this.provider = provider;
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> signOut(@FormParam(PageSession.CSRF) String csrf, @Context UriInfo uri) {
        if (!page.accepts(csrf)) {
            return Uni.createFrom().item(Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN)
                    .entity("This form has expired or did not come from this service: open the page again.").build());
        }
        URI back = uri.getBaseUriBuilder().path(SIGNED_OUT).build();
        IdTokenCredential idToken = page.isSignedIn() ? identity.get().getCredential(IdTokenCredential.class) : null;
        if (idToken == null) {
            // A bearer token or auth off: no session here to end.
            return Uni.createFrom().item(Response.seeOther(back).build());
        }
        String endSession = provider.get().getEndSessionUri();
        return session.get().logout().map(ended -> {
            if (endSession == null) {
                return Response.seeOther(back).build();
            }
            return Response.seeOther(UriBuilder.fromUri(endSession).queryParam("id_token_hint", idToken.getToken())
                    .queryParam("post_logout_redirect_uri", back).build()).build();
        });
    }

    /** Reached directly (not as the IdP's way back to a page): signed in by now, on to the person's own work. */
    @GET
    @Path("sign-in")
    @Operation(hidden = true)
    public Response signIn(@Context UriInfo uri) {
        return Response.seeOther(uri.getBaseUriBuilder().path("/my").build()).build();
    }

    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance signedOut() {
        return Templates.signedOut();
    }
}
