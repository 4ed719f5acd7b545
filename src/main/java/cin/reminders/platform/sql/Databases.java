package cin.reminders.platform.sql;

/**
 * The service's two connection pools to its one database, as one role (application.properties):
 * <ul>
 * <li>the default {@code Pool} acts for no council until a transaction names them ({@link CouncilScope}): a person's
 * reads, and each ingest batch for the councils its events name;</li>
 * <li>{@value #ALL_COUNCILS} ({@code @ReactiveDataSource(Databases.ALL_COUNCILS) Pool}) acts for every council: the
 * service's own background work, which serves every council on the deployment (dispatch, reminder firing, receipts,
 * lease recovery, gauges).</li>
 * </ul>
 * Row-level security (V9) holds either to the councils it acts for.
 */
public final class Databases {

    public static final String ALL_COUNCILS = "all-councils";

    private Databases() {
    }
}
