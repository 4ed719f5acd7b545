package bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The side-by-side baseline for reminder firing: db-scheduler (benchmark-only dependency) executing
 * {@code --tasks} trivial one-time tasks, all due, among {@code --pending} more due later (the same shape as
 * the service's 1M pending obligations with 100k due), on the same PostgreSQL. The table is db-scheduler's
 * PostgreSQL schema; the rows are written with COPY. {@code --mode lock-and-fetch} polls with
 * {@code pollUsingLockAndFetch(1.0, 4.0)}; {@code --mode default} keeps db-scheduler's default
 * (fetch, then lock on execute). 10 threads, a HikariCP pool of 12, polling interval 1 s (the service's
 * loops tick every 1 s). Measured: executions/s from start until no due task is left (a one-time task's row is
 * deleted when it completes).
 * <p>{@code --jdbc URL --tasks 100000 --pending 900000 --threads 10 --mode lock-and-fetch|default}
 */
public final class DbSchedulerBench {

    static final String DDL = """
            drop table if exists scheduled_tasks;
            create table scheduled_tasks (
                task_name            text                     not null,
                task_instance        text                     not null,
                task_data            bytea,
                execution_time       timestamp with time zone not null,
                picked               boolean                  not null,
                picked_by            text,
                last_success         timestamp with time zone,
                last_failure         timestamp with time zone,
                consecutive_failures int,
                last_heartbeat       timestamp with time zone,
                version              bigint                   not null,
                priority             smallint,
                primary key (task_name, task_instance)
            );
            create index execution_time_idx on scheduled_tasks (execution_time);
            create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
            create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
            """;

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        String url = a.require("jdbc");
        int tasks = a.getInt("tasks", 100_000);
        int pending = a.getInt("pending", 900_000);
        int threads = a.getInt("threads", 10);
        String mode = a.get("mode", "lock-and-fetch");

        Instant now = Instant.now();
        try (Connection c = Db.connect(url)) {
            Db.exec(c, DDL);
            CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
            try (FiringSeed.Sink s = new FiringSeed.Sink(cm.copyIn(
                    "copy scheduled_tasks (task_name, task_instance, execution_time, picked, version) from stdin"))) {
                for (int i = 0; i < tasks + pending; i++) {
                    Instant at = i < tasks ? now.minusSeconds(1) : now.plusSeconds(86_400L + i);
                    s.row("bench-task", Integer.toString(i), at.toString(), "f", "1");
                }
            }
            Db.exec(c, "vacuum analyze scheduled_tasks");
        }

        AtomicLong executed = new AtomicLong();
        OneTimeTask<Void> task = Tasks.oneTime("bench-task").execute((instance, ctx) -> executed.incrementAndGet());
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(System.getenv().getOrDefault("BENCH_PG_USER", "bench"));
        hc.setPassword(System.getenv().getOrDefault("BENCH_PG_PASSWORD", "bench"));
        hc.setMaximumPoolSize(threads + 2);
        try (HikariDataSource ds = new HikariDataSource(hc); Connection watch = Db.connect(url)) {
            SchedulerBuilder b = Scheduler.create(ds, task).threads(threads).pollingInterval(Duration.ofSeconds(1));
            if (mode.equals("lock-and-fetch")) {
                b = b.pollUsingLockAndFetch(1.0, 4.0);
            }
            Scheduler scheduler = b.build();
            long t0 = System.nanoTime();
            scheduler.start();
            long lastPrint = t0;
            while (true) {
                long left = Db.scalarLong(watch, "select count(*) from scheduled_tasks where execution_time <= now()");
                if (left == 0) {
                    break;
                }
                if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                    System.err.printf("[db-scheduler %s] %,d executed, %,d due left%n", mode, executed.get(), left);
                    lastPrint = System.nanoTime();
                }
                if (System.nanoTime() - t0 > a.getLong("timeout", 1200) * 1_000_000_000L) {
                    throw new IllegalStateException("timed out with " + left + " due left");
                }
                Thread.sleep(100);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            scheduler.stop();
            ObjectNode out = Results.line("dbscheduler_" + mode.replace('-', '_'));
            out.put("mode", mode);
            out.put("tasks", tasks);
            out.put("pending", pending);
            out.put("threads", threads);
            out.put("executed", executed.get());
            out.put("seconds", secs);
            out.put("per_s", tasks / secs);
            Results.write(out);
        }
    }
}
