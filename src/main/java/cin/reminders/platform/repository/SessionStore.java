package cin.reminders.platform.repository;

import cin.reminders.domain.model.Councils;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The database session itself rather than a table: the councils a transaction acts for (the setting
 * {@code cin.authorities} that row-level security reads, V9) and what the connected user is to that wall. Every
 * statement on either, in one place.
 */
@ApplicationScoped
public class SessionStore {

    /** How the service's database user stands to row-level security. */
    public record Wall(boolean bypasses, boolean ownsTables) {

        public boolean holds() {
            return !bypasses && !ownsTables;
        }
    }

    private static final String ACT_FOR = "select set_config('cin.authorities', $1, true)";

    /** From pg_roles and pg_class, which row-level security does not cover. */
    private static final String WALL = """
            select r.rolsuper or r.rolbypassrls as bypasses,
                   exists (select 1 from pg_class c where c.relname = 'case_record' and c.relowner = r.oid) as owns
            from pg_roles r where r.rolname = current_user""";

    /** The rest of {@code c}'s transaction acts for {@code councils} (local to it: it ends with the transaction). */
    public Uni<Void> actFor(SqlConnection c, Councils councils) {
        return c.preparedQuery(ACT_FOR).execute(Tuple.of(councils.setting())).replaceWithVoid();
    }

    public Uni<Wall> wall(SqlClient c) {
        return c.preparedQuery(WALL).execute().map(rows -> {
            Row r = rows.iterator().next();
            return new Wall(r.getBoolean("bypasses"), r.getBoolean("owns"));
        });
    }
}
