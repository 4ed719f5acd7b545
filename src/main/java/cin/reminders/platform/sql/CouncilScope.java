package cin.reminders.platform.sql;

import cin.reminders.domain.model.Councils;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import cin.reminders.platform.repository.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * Runs work in a transaction that acts for some councils: row-level security (V9) then shows and accepts only their
 * rows, even to a statement that forgot its WHERE. The setting is local to the transaction
 * ({@code set_config(..., true)}), so it ends with it and never leaks to the next user of the connection; a connection
 * of the default pool outside such a transaction acts for no council at all.
 */
@ApplicationScoped
public class CouncilScope {

    private final Pool pool;
    private final SessionStore session;

    public CouncilScope(Pool pool, SessionStore session) {
        this.pool = pool;
        this.session = session;
    }

    /** {@code work} in its own transaction, acting for {@code councils}. */
    public <T> Uni<T> actingFor(Councils councils, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(c -> actFor(c, councils).chain(() -> work.apply(c)));
    }

    /** The rest of {@code c}'s transaction (one the caller opened) acts for {@code councils}. */
    public Uni<Void> actFor(SqlConnection c, Councils councils) {
        return session.actFor(c, councils);
    }
}
