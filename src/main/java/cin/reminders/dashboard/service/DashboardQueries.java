package cin.reminders.dashboard.service;

import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.platform.ServiceClock;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * The figures of the managers' dashboard: each one SQL aggregate (one round trip), plus the size of
 * the dead-letter topic from Kafka.
 * <p>
 * Indexes they lean on (V1/V2 migrations): the open-obligation counts are range scans of the
 * partial index {@code obligation_open_due (due_date, id) where status = 'OPEN'} (or, filtered by
 * council, {@code obligation_open_authority_due}); failures read {@code notice_failed (failed_at)
 * where status = 'FAILED'}. Compliance reads a year of obligations of every status: no index
 * covers that (it would be {@code (due_date) include (kind, status, closed_on, close_reason)}),
 * and over a year of rows a sequential scan is what the planner would choose anyway.
 */
@ApplicationScoped
public class DashboardQueries {

    private static final Logger LOG = Logger.getLogger(DashboardQueries.class);

    /** How far ahead "due this week" looks: today and the seven days after it. */
    public static final int WEEK_DAYS = 7;
    public static final int OWNER_LIMIT = 50;
    public static final int FAILURE_DAYS = 14;
    public static final int FAILURE_LIMIT = 50;
    public static final Duration DLQ_CACHE = Duration.ofSeconds(30);
    public static final Duration DLQ_TIMEOUT = Duration.ofSeconds(5);

    private final Pool pool;
    private final ServiceClock clock;
    private final PolicyRegistry policies;
    private final Config config;
    private final Uni<DlqSize> dlqSize;

    public DashboardQueries(Pool pool, ServiceClock clock, PolicyRegistry policies, Config config) {
        this.pool = pool;
        this.clock = clock;
        this.policies = policies;
        this.config = config;
        // Asked on a worker thread (the admin client blocks), at most once per 30 s whoever asks; never fails.
        this.dlqSize = Uni.createFrom().item(this::askKafka)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(DLQ_TIMEOUT).recoverWithItem(() -> DlqSize.unknown("Kafka did not answer within 5 seconds"))
                .onFailure().recoverWithItem(f -> DlqSize.unknown("Kafka could not be asked (" + f.getClass().getSimpleName() + ")"))
                .memoize().atLeast(DLQ_CACHE);
    }

    // ---- Records ----------------------------------------------------------------------------------

    /** Open obligations past their due date, and due from today to today + 7, in one group. */
    public record Counts(long overdue, long dueThisWeek) {
        public static final Counts ZERO = new Counts(0, 0);

        public Counts plus(Counts o) {
            return new Counts(overdue + o.overdue, dueThisWeek + o.dueThisWeek);
        }
    }

    public record CouncilRow(String authority, String council, Counts counts) {
    }

    /** {@code team} is "Not set" when the case has none; teams are per council. */
    public record TeamRow(String authority, String council, String team, boolean teamSet, Counts counts) {
    }

    /** {@code name} is null for obligations with no owner yet (or whose owner was removed): "Unassigned". */
    public record OwnerRow(String authority, String council, String name, String role, Counts counts) {
        public boolean assigned() {
            return name != null;
        }
    }

    /**
     * On-time compliance of one obligation kind over obligations due in the last 12 months.
     * {@code percentOnTime} is empty when there were none.
     */
    public record ComplianceRow(ObligationKind kind, long onTime, long late, long missed) {
        public long total() {
            return onTime + late + missed;
        }

        public Optional<Double> percentOnTime() {
            return total() == 0 ? Optional.empty() : Optional.of(100.0 * onTime / total());
        }
    }

    /** A notice that failed: ids, template, channel and role only, never a name or an address. */
    public record Failure(Instant failedAt, String caseId, String authority, String council, String template,
                          String channel, String recipientRole, String reason) {
    }

    /** The newest failures (at most {@value #FAILURE_LIMIT}) and how many there were in all. */
    public record Failures(List<Failure> rows, long total) {
    }

    /** Records waiting on the dead-letter topic; {@code records} empty when Kafka could not be asked. */
    public record DlqSize(Optional<Long> records, String topic, String problem, Instant askedAt) {
        static DlqSize known(String topic, long n) {
            return new DlqSize(Optional.of(n), topic, null, Instant.now());
        }

        static DlqSize unknown(String problem) {
            return new DlqSize(Optional.empty(), null, problem, Instant.now());
        }
    }

    // ---- Open obligations -------------------------------------------------------------------------

    /** Overdue and due-this-week counts per council, every configured council included, most overdue first. */
    public Uni<List<CouncilRow>> byCouncil(String authority) {
        LocalDate today = clock.today();
        String sql = """
                select authority,
                       count(*) filter (where due_date < $1) as overdue,
                       count(*) filter (where due_date >= $1) as due_this_week
                from obligation
                where status = 'OPEN' and due_date <= $2""" + (authority == null ? "" : " and authority = $3") + """

                group by authority
                order by overdue desc, due_this_week desc, authority""";
        return pool.preparedQuery(sql).execute(params(authority, today, today.plusDays(WEEK_DAYS)))
                .map(rows -> {
                    Map<String, CouncilRow> out = new LinkedHashMap<>();
                    for (Row r : rows) {
                        String a = r.getString("authority");
                        out.put(a, new CouncilRow(a, councilName(a), counts(r)));
                    }
                    // Councils with nothing open this week still show, with zeros.
                    for (Policy p : policies.all()) {
                        if ((authority == null || authority.equals(p.authority())) && !out.containsKey(p.authority())) {
                            out.put(p.authority(), new CouncilRow(p.authority(), p.name(), Counts.ZERO));
                        }
                    }
                    return List.copyOf(out.values());
                });
    }

    /** Per council and team ({@code case_record.team}), most overdue first. */
    public Uni<List<TeamRow>> byTeam(String authority) {
        LocalDate today = clock.today();
        String sql = """
                select o.authority, c.team,
                       count(*) filter (where o.due_date < $1) as overdue,
                       count(*) filter (where o.due_date >= $1) as due_this_week
                from obligation o
                join case_record c on c.case_id = o.case_id
                where o.status = 'OPEN' and o.due_date <= $2""" + (authority == null ? "" : " and o.authority = $3") + """

                group by o.authority, c.team
                order by overdue desc, due_this_week desc, o.authority, c.team nulls last""";
        return pool.preparedQuery(sql).execute(params(authority, today, today.plusDays(WEEK_DAYS)))
                .map(rows -> {
                    List<TeamRow> out = new ArrayList<>();
                    for (Row r : rows) {
                        String a = r.getString("authority");
                        String team = r.getString("team");
                        boolean set = team != null && !team.isBlank();
                        out.add(new TeamRow(a, councilName(a), set ? team : "Not set", set, counts(r)));
                    }
                    return out;
                });
    }

    /**
     * Per owner: the owner participant's name and role (the role the obligation asks for while no one
     * holds it: "Unassigned"), per council, most overdue first, at most {@value #OWNER_LIMIT} rows.
     */
    public Uni<List<OwnerRow>> byOwner(String authority) {
        LocalDate today = clock.today();
        String sql = """
                select o.authority, p.name, coalesce(p.role, o.owner_role) as role,
                       count(*) filter (where o.due_date < $1) as overdue,
                       count(*) filter (where o.due_date >= $1) as due_this_week
                from obligation o
                left join participant p on p.case_id = o.case_id and p.participant_id = o.owner_participant_id
                where o.status = 'OPEN' and o.due_date <= $2""" + (authority == null ? "" : " and o.authority = $3") + """

                group by o.authority, p.name, coalesce(p.role, o.owner_role)
                order by overdue desc, due_this_week desc, o.authority, p.name nulls first, role
                limit""" + " " + OWNER_LIMIT;
        return pool.preparedQuery(sql).execute(params(authority, today, today.plusDays(WEEK_DAYS)))
                .map(rows -> {
                    List<OwnerRow> out = new ArrayList<>();
                    for (Row r : rows) {
                        String a = r.getString("authority");
                        out.add(new OwnerRow(a, councilName(a), r.getString("name"), r.getString("role"), counts(r)));
                    }
                    return out;
                });
    }

    // ---- Compliance -------------------------------------------------------------------------------

    /**
     * On-time compliance per kind over obligations due in [today − 12 months, today): on time =
     * COMPLETED on or before the due date; late = COMPLETED after it; missed = still OPEN (so
     * overdue), or CANCELLED as SUPERSEDED after its due date (replaced while overdue). Other
     * cancellations (case closed, void) are left out. Every kind is listed, in the enum's order.
     */
    public Uni<List<ComplianceRow>> compliance(String authority) {
        LocalDate today = clock.today();
        String sql = """
                select kind,
                       count(*) filter (where status = 'COMPLETED' and closed_on <= due_date) as on_time,
                       count(*) filter (where status = 'COMPLETED' and closed_on > due_date) as late,
                       count(*) filter (where status = 'OPEN'
                                        or (status = 'CANCELLED' and close_reason = 'SUPERSEDED'
                                            and closed_on > due_date)) as missed
                from obligation
                where due_date >= $1 and due_date < $2""" + (authority == null ? "" : " and authority = $3") + """

                group by kind""";
        return pool.preparedQuery(sql).execute(params(authority, today.minusMonths(12), today))
                .map(rows -> {
                    Map<ObligationKind, ComplianceRow> found = new EnumMap<>(ObligationKind.class);
                    for (Row r : rows) {
                        kindOf(r.getString("kind")).ifPresent(k -> found.put(k,
                                new ComplianceRow(k, r.getLong("on_time"), r.getLong("late"), r.getLong("missed"))));
                    }
                    List<ComplianceRow> out = new ArrayList<>();
                    for (ObligationKind k : ObligationKind.values()) {
                        out.add(found.getOrDefault(k, new ComplianceRow(k, 0, 0, 0)));
                    }
                    return out;
                });
    }

    // ---- Delivery failures ------------------------------------------------------------------------

    /** Notices FAILED in the last 14 days, newest first (at most 50), with how many in all. */
    public Uni<Failures> recentFailures(String authority) {
        Instant since = clock.now().minus(Duration.ofDays(FAILURE_DAYS));
        String sql = """
                select failed_at, case_id, authority, template, channel, recipient_role, reason,
                       count(*) over () as total
                from notice
                where status = 'FAILED' and failed_at >= $1""" + (authority == null ? "" : " and authority = $2") + """

                order by failed_at desc, id
                limit""" + " " + FAILURE_LIMIT;
        Tuple params = authority == null ? Tuple.of(since.atOffset(ZoneOffset.UTC))
                : Tuple.of(since.atOffset(ZoneOffset.UTC), authority);
        return pool.preparedQuery(sql).execute(params)
                .map(rows -> {
                    List<Failure> out = new ArrayList<>();
                    long total = 0;
                    for (Row r : rows) {
                        total = r.getLong("total");
                        OffsetDateTime at = r.getOffsetDateTime("failed_at");
                        String a = r.getString("authority");
                        out.add(new Failure(at == null ? null : at.toInstant(), r.getString("case_id"), a, councilName(a),
                                r.getString("template"), r.getString("channel"), r.getString("recipient_role"),
                                redact(r.getString("reason"))));
                    }
                    return new Failures(List.copyOf(out), total);
                });
    }

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ()-]{8,}\\d");

    /** A provider's reason, with anything that looks like an email address or a phone number taken out. */
    static String redact(String reason) {
        if (reason == null) {
            return null;
        }
        String out = EMAIL.matcher(reason).replaceAll("[email address]");
        return PHONE.matcher(out).replaceAll("[phone number]");
    }

    // ---- Dead letters -----------------------------------------------------------------------------

    /** Records on the dead-letter topic (cached for 30 s; "unknown" rather than a failure when Kafka cannot be asked). */
    public Uni<DlqSize> dlqSize() {
        return dlqSize;
    }

    /** Asks Kafka; a failure to ask is an answer too ("unknown"). Blocking: on a worker thread only. */
    DlqSize askKafka() {
        try {
            return countDeadLetters();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DlqSize.unknown("interrupted while asking Kafka");
        } catch (java.util.concurrent.TimeoutException e) {
            return DlqSize.unknown("Kafka did not answer within 5 seconds");
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.debugf(cause, "Could not ask Kafka for the size of the dead-letter topic");
            return DlqSize.unknown("Kafka could not be asked (" + cause.getClass().getSimpleName() + ")");
        }
    }

    /** End offsets minus beginning offsets over every partition of the topic; blocking, at most about 5 s. */
    DlqSize countDeadLetters() throws Exception {
        String topic = config.getOptionalValue("mp.messaging.outgoing.case-events-dlq.topic", String.class)
                .orElse("case-events.dlq");
        Optional<String> bootstrap = config.getOptionalValue("kafka.bootstrap.servers", String.class);
        if (bootstrap.isEmpty() || bootstrap.get().isBlank()) {
            return DlqSize.unknown("kafka.bootstrap.servers is not configured");
        }
        long deadline = System.nanoTime() + DLQ_TIMEOUT.toNanos();
        Properties props = new Properties();
        // The cluster's security settings, if any, as the Kafka connector gets them (kafka.security.protocol, kafka.sasl.*...).
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.security.") || name.startsWith("kafka.sasl.") || name.startsWith("kafka.ssl.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> props.put(name.substring("kafka.".length()), v));
            }
        }
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.get());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "cin-reminders-dashboard");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) DLQ_TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) DLQ_TIMEOUT.toMillis());
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 2_000);
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 4_000);
        Admin admin = Admin.create(props);
        try {
            TopicDescription description;
            try {
                description = admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(remaining(deadline)))
                        .allTopicNames().get(remaining(deadline), TimeUnit.MILLISECONDS).get(topic);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return DlqSize.known(topic, 0); // nothing was ever dead-lettered
                }
                throw e;
            }
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> {
                TopicPartition tp = new TopicPartition(topic, p.partition());
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
            });
            Map<TopicPartition, ListOffsetsResultInfo> begin = admin
                    .listOffsets(earliest, new ListOffsetsOptions().timeoutMs(remaining(deadline)))
                    .all().get(remaining(deadline), TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> end = admin
                    .listOffsets(latest, new ListOffsetsOptions().timeoutMs(remaining(deadline)))
                    .all().get(remaining(deadline), TimeUnit.MILLISECONDS);
            long records = 0;
            for (TopicPartition tp : latest.keySet()) {
                records += Math.max(0, end.get(tp).offset() - begin.get(tp).offset());
            }
            return DlqSize.known(topic, records);
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    private static int remaining(long deadline) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    // ---- Helpers ----------------------------------------------------------------------------------

    /** The council's name from its policy file, else its id. */
    public String councilName(String authority) {
        return policies.find(authority).map(Policy::name).orElse(authority);
    }

    private static Tuple params(String authority, LocalDate from, LocalDate to) {
        return authority == null ? Tuple.of(from, to) : Tuple.of(from, to, authority);
    }

    private static Counts counts(Row r) {
        return new Counts(r.getLong("overdue"), r.getLong("due_this_week"));
    }

    private static Optional<ObligationKind> kindOf(String name) {
        try {
            return Optional.of(ObligationKind.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
