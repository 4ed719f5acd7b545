package cin.reminders.platform.sql;

import io.vertx.mutiny.sqlclient.Row;
import java.lang.reflect.Array;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.function.Function;

/**
 * Turns a list of rows into one array per column, for {@code unnest($1::type[], ...)} statements; and reads a
 * nullable timestamp column back as an instant.
 */
public final class Columns {

    private Columns() {
    }

    @SuppressWarnings("unchecked")
    public static <T, C> C[] of(Collection<T> rows, Class<C> type, Function<T, C> column) {
        C[] out = (C[]) Array.newInstance(type, rows.size());
        int i = 0;
        for (T row : rows) {
            out[i++] = column.apply(row);
        }
        return out;
    }

    public static <T, E extends Enum<E>> String[] names(Collection<T> rows, Function<T, E> column) {
        return of(rows, String.class, r -> {
            E e = column.apply(r);
            return e == null ? null : e.name();
        });
    }

    /** A {@code timestamptz} column as an instant; null when the column is. */
    public static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
