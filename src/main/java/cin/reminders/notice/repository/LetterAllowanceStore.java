package cin.reminders.notice.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;

/**
 * The {@code letter_allowance} table: letters handed to Notify per UTC day, shared by every replica. A letter takes
 * one before it goes; one statement both checks the limit and counts, so two replicas can never take the last one
 * twice.
 */
@ApplicationScoped
public class LetterAllowanceStore {

    private static final String TAKE = """
            insert into letter_allowance (day, used) values ($1, 1)
            on conflict (day) do update set used = letter_allowance.used + 1
                where letter_allowance.used < $2
            returning used""";

    private static final String FORGET_BEFORE = "delete from letter_allowance where day < $1";

    /** Takes one of the day's letters: true when one was left (of {@code limit}), false when the day's are used up. */
    public Uni<Boolean> take(SqlClient c, LocalDate day, int limit) {
        if (limit <= 0) {
            return Uni.createFrom().item(false);
        }
        return c.preparedQuery(TAKE).execute(Tuple.of(day, limit)).map(rows -> rows.rowCount() > 0);
    }

    /** Drops the counts of days before {@code day}: nothing reads them. */
    public Uni<Integer> forgetBefore(SqlClient c, LocalDate day) {
        return c.preparedQuery(FORGET_BEFORE).execute(Tuple.of(day)).map(rows -> rows.rowCount());
    }
}
