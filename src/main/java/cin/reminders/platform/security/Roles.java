package cin.reminders.platform.security;

/** The roles of CONTRACT.md §2, as they appear in the JWT's {@code groups} claim. */
public final class Roles {

    /** Reads the cases of the obligations they own. */
    public static final String CASEWORKER = "caseworker";
    /** Reads everything; the dashboard. */
    public static final String MANAGER = "manager";
    /** The case-management system: posts events. */
    public static final String INTEGRATION = "integration";

    private Roles() {
    }
}
