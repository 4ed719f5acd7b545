package cin.reminders.platform;

import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Tells failures worth retrying (the database restarting, a lost connection, a deadlock) from
 * failures that will happen again however often we try.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PgException pg) {
                String state = pg.getSqlState();
                return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                        || state.equals("40001") || state.equals("40P01") || state.equals("55P03"));
            }
            if (c instanceof IOException || c instanceof TimeoutException
                    || c instanceof io.vertx.core.http.HttpClosedException
                    || c.getClass().getName().startsWith("io.vertx.sqlclient.ClosedConnectionException")
                    || c.getClass().getName().equals("io.vertx.core.impl.NoStackTraceThrowable")
                    || c.getClass().getName().equals("io.vertx.core.impl.NoStackTraceTimeoutException")
                    || (c.getMessage() != null && c.getMessage().contains("Connection refused"))) {
                return true;
            }
        }
        return false;
    }
}
