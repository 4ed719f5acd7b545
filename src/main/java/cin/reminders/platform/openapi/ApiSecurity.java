package cin.reminders.platform.openapi;

/**
 * The names of the OpenAPI security schemes declared in this package's {@code package-info.java}, for the
 * {@code @SecurityRequirement}s of the operations that do not use the document's default (the bearer JWT).
 */
public final class ApiSecurity {

    /** Every /api/** operation and the dashboard, outside dev and test ({@code reminders.auth.enabled}). */
    public static final String JWT = "bearerJwt";
    /** The Notify delivery-receipt callback: GOV.UK Notify's own bearer token ({@code notify.callback-token}). */
    public static final String NOTIFY_CALLBACK = "notifyCallbackToken";
    /** A calendar feed: the signed token in its URL ({@code ?token=}), as calendar apps cannot send headers. */
    public static final String CALENDAR_TOKEN = "calendarToken";

    private ApiSecurity() {
    }
}
