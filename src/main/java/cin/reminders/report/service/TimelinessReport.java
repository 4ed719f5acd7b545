package cin.reminders.report.service;

import cin.reminders.domain.model.Councils;
import cin.reminders.domain.report.Csv;
import cin.reminders.domain.report.Timeliness;
import cin.reminders.obligation.repository.ObligationStore;
import cin.reminders.obligation.repository.ObligationStore.TimelinessRow;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.sql.CouncilScope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The timeliness report (CONTRACT-2 §8): one CSV row per obligation due in a range, the evidence a council gives
 * Ofsted and its performance board of how many statutory timescales were met. Streamed: rows come from a cursor in
 * one read-only transaction acting for the caller's councils, a few hundred at a time, and go out as they come, with
 * the client's pace holding the cursor back (the response asks for one chunk at a time), so a million rows never sit
 * in memory.
 */
@ApplicationScoped
public class TimelinessReport {

    /** CONTRACT-2 §8's columns, in order. */
    public static final List<String> HEADER = List.of("authority", "caseId", "kind", "ruleId", "dueDate", "completedOn",
            "daysLate", "status", "ownerParticipantId", "team");

    /** Rows fetched from the cursor at a time, and written out together. */
    static final int FETCH = 500;

    private final Pool pool;
    private final CouncilScope scope;
    private final ObligationStore obligations;
    private final ServiceClock clock;

    public TimelinessReport(Pool pool, CouncilScope scope, ObligationStore obligations, ServiceClock clock) {
        this.pool = pool;
        this.scope = scope;
        this.obligations = obligations;
        this.clock = clock;
    }

    /** The report as CSV text in chunks: the header first, then the rows. */
    public Multi<String> csv(Councils councils, LocalDate from, LocalDate to) {
        LocalDate today = clock.today();
        Multi<String> rows = Multi.createFrom().resourceFromUni(this::open, held -> scope.actFor(held.connection, councils)
                        .onItem().transformToMulti(v -> obligations.dueInRange(held.connection, councils, from, to, FETCH)))
                .withFinalizer(Held::end)
                .map(r -> line(r, today))
                .group().intoLists().of(FETCH, Duration.ofMillis(200))
                .map(lines -> String.join("", lines));
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(Csv.line(HEADER)), rows);
    }

    /** A connection with its transaction: the cursor's life. */
    private record Held(SqlConnection connection, Transaction transaction) {

        /** Read only: rolled back, then the connection goes back to the pool. */
        Uni<Void> end() {
            return transaction.rollback().onFailure().recoverWithNull().chain(connection::close);
        }
    }

    private Uni<Held> open() {
        return pool.getConnection().chain(c -> c.begin().map(tx -> new Held(c, tx))
                .onFailure().call(c::close));
    }

    static String line(TimelinessRow r, LocalDate today) {
        Long late = Timeliness.daysLate(r.status(), r.dueDate(), r.completedOn(), today);
        return Csv.line(Arrays.asList(r.authority(), r.caseId(), r.kind().name(), r.ruleId(), text(r.dueDate()),
                text(r.completedOn()), late == null ? null : late.toString(), r.status().asSeenOn(r.dueDate(), today).name(),
                r.ownerParticipantId(), r.team()));
    }

    private static String text(Object value) {
        return value == null ? null : Objects.toString(value);
    }
}
