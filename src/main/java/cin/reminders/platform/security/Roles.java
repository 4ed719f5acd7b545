package cin.reminders.platform.security;

/** The roles of CONTRACT.md §2, as they appear in the token's {@code groups} (or Entra ID's {@code roles}) claim. */
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
