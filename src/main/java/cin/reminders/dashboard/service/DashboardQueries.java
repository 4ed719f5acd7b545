package cin.reminders.dashboard.service;

import cin.reminders.platform.sql.CouncilScope;
import cin.reminders.domain.model.Councils;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.platform.ServiceClock;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import cin.reminders.notice.repository.NoticeStore;
import cin.reminders.obligation.repository.ObligationStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
 * The figures of the managers' dashboard: each one aggregate of a store (one round trip), plus the
 * size of the dead-letter topic from Kafka.
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
    /** Teams listed: a national deployment has thousands (2,503 made a 1.5 MB page); a council filter narrows them. */
    public static final int TEAM_LIMIT = 50;
    public static final int FAILURE_DAYS = 14;
    public static final int FAILURE_LIMIT = 50;
    public static final Duration DLQ_CACHE = Duration.ofSeconds(30);
    public static final Duration DLQ_TIMEOUT = Duration.ofSeconds(5);

    private final CouncilScope scope;
    private final ObligationStore obligations;
    private final NoticeStore notices;
    private final ServiceClock clock;
    private final PolicyRegistry policies;
    private final Config config;
    private final Uni<DlqSize> dlqSize;

    private final FreshFigures<FiguresKey, Figures> figures;

    public DashboardQueries(CouncilScope scope, ObligationStore obligations, NoticeStore notices, ServiceClock clock,
                            PolicyRegistry policies, Config config, cin.reminders.platform.config.RemindersConfig settings) {
        this.figures = new FreshFigures<>(settings.dashboard().freshFor(), clock::now);
        this.scope = scope;
        this.obligations = obligations;
        this.notices = notices;
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

    /**
     * {@code ownerId} and {@code name} are null for obligations with no owner yet (or whose owner was
     * removed): "Unassigned".
     */
    public record OwnerRow(String authority, String council, String ownerId, String name, String role, Counts counts) {
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

        public static DlqSize unknown(String problem) {
            return new DlqSize(Optional.empty(), null, problem, Instant.now());
        }
    }

    // ---- The figures, kept fresh -----------------------------------------------------------------

    /** The open-obligation tables and compliance of one scope: what costs the database most at national scale. */
    public record Figures(List<CouncilRow> councils, List<TeamRow> teams, List<OwnerRow> owners,
                          List<ComplianceRow> compliance) {
    }

    private record FiguresKey(Councils councils, LocalDate day) {
    }

    /**
     * The dashboard's figures for a scope, at most {@code reminders.dashboard.fresh-for} old while views come (twice
     * that after a quiet spell), with when the database said them ({@link FreshFigures}): at national scale each set
     * costs PostgreSQL about a second, which a view must not wait for.
     */
    public Uni<FreshFigures.Fresh<Figures>> figures(Councils councils) {
        LocalDate today = clock.today();
        figures.forgetOtherThan(k -> k.day().equals(today));
        return figures.get(new FiguresKey(councils, today), () -> Uni.combine().all()
                .unis(byCouncil(councils), byTeam(councils), byOwner(councils), compliance(councils))
                .with(Figures::new));
    }

    // ---- Open obligations -------------------------------------------------------------------------

    /** Overdue and due-this-week counts per council, every configured council included, most overdue first. */
    public Uni<List<CouncilRow>> byCouncil(Councils councils) {
        return open(ObligationStore.Grouping.COUNCIL, councils, Integer.MAX_VALUE).map(rows -> {
            Map<String, CouncilRow> out = new LinkedHashMap<>();
            for (ObligationStore.OpenCounts r : rows) {
                out.put(r.authority(), new CouncilRow(r.authority(), councilName(r.authority()), counts(r)));
            }
            // Councils with nothing open this week still show, with zeros.
            for (Policy p : policies.all()) {
                if (councils.contains(p.authority()) && !out.containsKey(p.authority())) {
                    out.put(p.authority(), new CouncilRow(p.authority(), p.name(), Counts.ZERO));
                }
            }
            return List.copyOf(out.values());
        });
    }

    /** Per council and team ({@code case_record.team}), most overdue first, at most {@value #TEAM_LIMIT} rows. */
    public Uni<List<TeamRow>> byTeam(Councils councils) {
        return open(ObligationStore.Grouping.TEAM, councils, TEAM_LIMIT).map(rows -> {
            List<TeamRow> out = new ArrayList<>();
            for (ObligationStore.OpenCounts r : rows) {
                boolean set = r.team() != null && !r.team().isBlank();
                out.add(new TeamRow(r.authority(), councilName(r.authority()), set ? r.team() : "Not set", set, counts(r)));
            }
            return out;
        });
    }

    /**
     * Per owner, grouped by who they are (their participant id; two professionals who share a name are
     * two rows): the owner's name and role (the role the obligation asks for while no one holds it:
     * "Unassigned"), per council, most overdue first, at most {@value #OWNER_LIMIT} rows.
     */
    public Uni<List<OwnerRow>> byOwner(Councils councils) {
        return open(ObligationStore.Grouping.OWNER, councils, OWNER_LIMIT).map(rows -> {
            List<OwnerRow> out = new ArrayList<>();
            for (ObligationStore.OpenCounts r : rows) {
                out.add(new OwnerRow(r.authority(), councilName(r.authority()), r.ownerId(), r.ownerName(), r.role(),
                        counts(r)));
            }
            return out;
        });
    }

    private Uni<List<ObligationStore.OpenCounts>> open(ObligationStore.Grouping by, Councils councils, int limit) {
        LocalDate today = clock.today();
        return scope.actingFor(councils, c -> obligations.openCounts(c, by, councils, today, today.plusDays(WEEK_DAYS), limit));
    }

    // ---- Compliance -------------------------------------------------------------------------------

    /**
     * On-time compliance per kind over obligations due in [today − 12 months, today) (see
     * {@link ObligationStore#compliance}). Every kind is listed, in the enum's order.
     */
    public Uni<List<ComplianceRow>> compliance(Councils councils) {
        LocalDate today = clock.today();
        return scope.actingFor(councils, c -> obligations.compliance(c, councils, today.minusMonths(12), today)).map(rows -> {
            Map<ObligationKind, ComplianceRow> found = new EnumMap<>(ObligationKind.class);
            for (ObligationStore.Compliance r : rows) {
                found.put(r.kind(), new ComplianceRow(r.kind(), r.onTime(), r.late(), r.missed()));
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
    public Uni<Failures> recentFailures(Councils councils) {
        Instant since = clock.now().minus(Duration.ofDays(FAILURE_DAYS));
        return scope.actingFor(councils, c -> notices.failedSince(c, since, councils, FAILURE_LIMIT)).map(failed -> new Failures(
                failed.rows().stream().map(f -> new Failure(f.failedAt(), f.caseId(), f.authority(), councilName(f.authority()),
                        f.template(), f.channel(), f.recipientRole(), cin.reminders.platform.pages.PageText.redact(f.reason()))).toList(), failed.total()));
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

    private static Counts counts(ObligationStore.OpenCounts r) {
        return new Counts(r.overdue(), r.dueSoon());
    }
}
