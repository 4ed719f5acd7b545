/**
 * The OpenAPI document's own parts (served at {@code /q/openapi}): its info, its server, the security schemes the
 * operations use, and the default security requirement. SmallRye reads {@code @OpenAPIDefinition} only from a
 * {@code package-info}.
 * <p>
 * By default an operation needs the bearer JWT (as the {@code api} HTTP permission does for {@code /api/**} and the
 * dashboard); the Notify callback and the calendar feed declare their own token ({@link ApiSecurity}).
 */
@OpenAPIDefinition(
        info = @Info(title = "CIN statutory timescales and notices", version = "1.0"),
        // Relative: the service that serves this document, whichever council's host that is.
        servers = @Server(url = "/", description = "This service"),
        security = @SecurityRequirement(name = ApiSecurity.JWT),
        components = @Components(securitySchemes = {
                @SecurityScheme(securitySchemeName = ApiSecurity.JWT, type = SecuritySchemeType.HTTP, scheme = "bearer",
                        bearerFormat = "JWT", description = "A JWT from the council's identity provider, with a role in"
                        + " `groups` or `roles` (caseworker, manager, integration); a caseworker's also names their `participant_id`."
                        + " Not needed in dev and test (reminders.auth.enabled=false)."),
                @SecurityScheme(securitySchemeName = ApiSecurity.NOTIFY_CALLBACK, type = SecuritySchemeType.HTTP,
                        scheme = "bearer", description = "The bearer token GOV.UK Notify sends with delivery receipts"
                        + " (notify.callback-token)."),
                @SecurityScheme(securitySchemeName = ApiSecurity.CALENDAR_TOKEN, type = SecuritySchemeType.APIKEY,
                        in = SecuritySchemeIn.QUERY, apiKeyName = "token", description = "The professional's signed"
                        + " calendar token, part of the URL that calendar-link returns.")
        }))
package cin.reminders.platform.openapi;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
