package cin.reminders.platform.metrics;

import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.notice.NoticeStatus;
import cin.reminders.platform.ServiceClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import cin.reminders.notice.repository.NoticeStore;
import cin.reminders.obligation.repository.ObligationStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Gauges of the state in the database, refreshed every 30 s on every replica by one aggregate query each,
 * each an index-only scan of a partial index (V6), so they cost what the open work costs, not what the
 * history costs: open and overdue obligations by council and kind ({@code cin.obligations.open},
 * {@code cin.obligations.overdue}), and notices not yet settled, SCHEDULED and SENDING, by channel
 * ({@code cin.notices}; 0 when there are none), and of those scheduled, the ones whose time has come
 * ({@code cin.notices.due}: the dispatcher's backlog, which the "nothing sent while notices are due" alert reads). Settled notices only ever grow: they are counted as they
 * settle ({@code cin.notices.settled}, in {@code ReceiptRelay}). Counters and timers of what happens (events
 * applied, DLQ records, sends, latency) are recorded where it happens.
 */
@ApplicationScoped
public class StateGauges {

    private static final Logger LOG = Logger.getLogger(StateGauges.class);
    private final Pool pool;
    private final ObligationStore obligationStore;
    private final NoticeStore noticeStore;
    private final ServiceClock clock;
    private final MultiGauge open;
    private final MultiGauge overdue;
    private final MultiGauge notices;
    private final MultiGauge beyondCalendar;
    private final AtomicLong due = new AtomicLong();

    public StateGauges(@ReactiveDataSource(Databases.ALL_COUNCILS) Pool pool, ObligationStore obligationStore, NoticeStore noticeStore, ServiceClock clock,
                       MeterRegistry registry) {
        this.pool = pool;
        this.obligationStore = obligationStore;
        this.noticeStore = noticeStore;
        this.clock = clock;
        this.open = MultiGauge.builder("cin.obligations.open").description("Open obligations (overdue included)").register(registry);
        this.overdue = MultiGauge.builder("cin.obligations.overdue").description("Open obligations past their due date").register(registry);
        this.notices = MultiGauge.builder("cin.notices")
                .description("Notices not yet settled (SCHEDULED, SENDING) by channel and status").register(registry);
        this.beyondCalendar = MultiGauge.builder("cin.obligations.beyond.calendar")
                .description("Open obligations due beyond the last year the council's bank-holiday file covers")
                .register(registry);
        Gauge.builder("cin.notices.due", due, AtomicLong::get)
                .description("Scheduled notices whose time to be sent has come (all channels)").register(registry);
    }

    @Scheduled(every = "${reminders.metrics.refresh}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        Uni<Void> obligations = obligationStore.openByKind(pool, clock.today())
                .invoke(rows -> {
                    List<MultiGauge.Row<?>> o = new ArrayList<>();
                    List<MultiGauge.Row<?>> d = new ArrayList<>();
                    for (ObligationStore.OpenByKind r : rows) {
                        Tags tags = Tags.of("authority", r.authority(), "kind", r.kind());
                        o.add(MultiGauge.Row.of(tags, r.open()));
                        d.add(MultiGauge.Row.of(tags, r.overdue()));
                    }
                    open.register(o, true);
                    overdue.register(d, true);
                }).replaceWithVoid();
        Uni<Void> byStatus = noticeStore.countLiveByChannelAndStatus(pool)
                .invoke(counts -> {
                    List<MultiGauge.Row<?>> n = new ArrayList<>();
                    for (Channel channel : Channel.values()) {
                        for (NoticeStatus status : NoticeStatus.values()) {
                            if (!status.isFinal()) {
                                long count = counts.getOrDefault(channel.name(), Map.of()).getOrDefault(status.name(), 0L);
                                n.add(MultiGauge.Row.of(Tags.of("channel", channel.name(), "status", status.name()), count));
                            }
                        }
                    }
                    notices.register(n, true);
                }).replaceWithVoid();
        Uni<Void> beyond = obligationStore.openBeyondCalendar(pool)
                .invoke(counts -> {
                    List<MultiGauge.Row<?>> b = new ArrayList<>();
                    counts.forEach((authority, n) -> b.add(MultiGauge.Row.of(Tags.of("authority", authority), n)));
                    beyondCalendar.register(b, true);
                }).replaceWithVoid();
        Uni<Void> dueNow = noticeStore.countDue(pool, clock.now()).invoke(due::set).replaceWithVoid();
        return Uni.join().all(obligations, byStatus, beyond, dueNow).andCollectFailures().replaceWithVoid()
                .onFailure().invoke(f -> LOG.debugf("Gauges not refreshed: %s", f.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
