package cin.reminders.notice.repository;

import cin.reminders.domain.notice.DistributionGroup;
import cin.reminders.domain.notice.DistributionKey;
import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.NoticeStatus;
import cin.reminders.platform.sql.Columns;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Records planned notices on the caller's transaction. Every insert is {@code ON CONFLICT DO
 * NOTHING} on the id derived from the natural key: planning the same notice twice (a replay, a
 * retry after a crash, two replicas) leaves one row.
 */
@ApplicationScoped
public class NoticeWriter {

    private final ObjectMapper json;

    public NoticeWriter(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Void> insert(SqlConnection c, Collection<NoticeIntent> intents, Function<String, String> authorityOfCase,
                            Instant now) {
        if (intents.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<UUID, NoticeIntent> byId = new LinkedHashMap<>();
        intents.forEach(i -> byId.putIfAbsent(i.id(), i));
        List<NoticeIntent> rows = new ArrayList<>(byId.values());
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return c.preparedQuery("""
                        insert into notice (id, notice_key, case_id, authority, template, channel, recipient_participant_id,
                            recipient_role, language, status, scheduled_for, next_attempt_at, reason, group_key, obligation_id,
                            data, failed_at, traceparent)
                        select u.id, u.key, u.case_id, u.authority, u.template, u.channel, u.recipient, u.role, u.language,
                               u.status, u.scheduled_for, u.scheduled_for, u.reason, u.group_key, u.obligation_id, u.data::jsonb,
                               case when u.status = 'FAILED' then $17::timestamptz end, $18::text
                        from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                    $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::text[], $13::text[],
                                    $14::uuid[], $15::text[], $16::int4[])
                            as u(id, key, case_id, authority, template, channel, recipient, role, language, status,
                                 scheduled_for, reason, group_key, obligation_id, data, ord)
                        order by u.ord
                        on conflict (id) do nothing
                        returning id, case_id, status""")
                .execute(Tuple.tuple(Arrays.asList( // asList: the trace context may be null
                        Columns.of(rows, UUID.class, NoticeIntent::id),
                        Columns.of(rows, String.class, i -> i.key().value()),
                        Columns.of(rows, String.class, NoticeIntent::caseId),
                        Columns.of(rows, String.class, i -> authorityOfCase.apply(i.caseId())),
                        Columns.of(rows, String.class, i -> i.template().id()),
                        Columns.names(rows, NoticeIntent::channel),
                        Columns.of(rows, String.class, NoticeIntent::recipientId),
                        Columns.names(rows, NoticeIntent::recipientRole),
                        Columns.of(rows, String.class, i -> i.language().code()),
                        Columns.names(rows, NoticeIntent::status),
                        Columns.of(rows, OffsetDateTime.class, i -> i.scheduledFor().atOffset(ZoneOffset.UTC)),
                        Columns.of(rows, String.class, NoticeIntent::reason),
                        Columns.of(rows, String.class, i -> DistributionKey.valueOf(i.group())),
                        Columns.of(rows, UUID.class, NoticeIntent::obligationId),
                        Columns.of(rows, String.class, i -> toJson(i.data().toMap())),
                        ordinals(rows.size()),
                        at,
                        TraceContext.current())))
                .chain(inserted -> {
                    // Suppressed and failed-at-planning notices have their outcome already: it goes to the receipts outbox.
                    List<UUID> ids = new ArrayList<>();
                    List<String> cases = new ArrayList<>();
                    List<String> statuses = new ArrayList<>();
                    inserted.forEach(r -> {
                        String status = r.getString("status");
                        if (NoticeStatus.valueOf(status).isFinal()) {
                            ids.add(r.getUUID("id"));
                            cases.add(r.getString("case_id"));
                            statuses.add(status);
                        }
                    });
                    return ReceiptOutbox.add(c, ids, cases, statuses, now);
                });
    }

    /**
     * Records notices that were planned and delivered in one pass (the reminder firing): each row is
     * written once, in its outcome's state (sent, failed, or queued for the dispatcher to retry).
     */
    public Uni<Void> insertDelivered(SqlConnection c, List<NoticeIntent> intents, Map<UUID, Outcome> outcomes,
                                     Function<String, String> authorityOfCase, Instant now) {
        if (intents.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = intents.size();
        String[] statuses = new String[n];
        OffsetDateTime[] nextAt = new OffsetDateTime[n];
        Integer[] attempts = new Integer[n];
        OffsetDateTime[] sentAt = new OffsetDateTime[n];
        OffsetDateTime[] failedAt = new OffsetDateTime[n];
        String[] providers = new String[n];
        String[] providerIds = new String[n];
        String[] reasons = new String[n];
        Integer[] fragments = new Integer[n];
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        for (int i = 0; i < n; i++) {
            NoticeIntent intent = intents.get(i);
            Outcome o = outcomes.get(intent.id());
            statuses[i] = intent.status().name();
            nextAt[i] = intent.scheduledFor().atOffset(ZoneOffset.UTC);
            attempts[i] = 0;
            reasons[i] = intent.reason();
            if (o instanceof Outcome.Sent s) {
                statuses[i] = "SENT";
                attempts[i] = 1;
                sentAt[i] = at;
                providers[i] = s.provider();
                providerIds[i] = s.providerId();
                fragments[i] = s.smsFragments();
            } else if (o instanceof Outcome.Failed f) {
                statuses[i] = "FAILED";
                attempts[i] = 1;
                failedAt[i] = at;
                reasons[i] = f.detail();
            } else if (o instanceof Outcome.Retry r) {
                statuses[i] = "SCHEDULED";
                attempts[i] = r.countsAsAttempt() ? 1 : 0;
                nextAt[i] = r.at().atOffset(ZoneOffset.UTC);
                reasons[i] = r.reason();
            } else if (intent.status() == NoticeStatus.FAILED) {
                failedAt[i] = at;
            }
        }
        return c.preparedQuery("""
                        insert into notice (id, notice_key, case_id, authority, template, channel, recipient_participant_id,
                            recipient_role, language, status, scheduled_for, next_attempt_at, attempts, sent_at, failed_at,
                            provider, provider_id, reason, obligation_id, data, sms_fragments)
                        select u.id, u.key, u.case_id, u.authority, u.template, u.channel, u.recipient, u.role, u.language,
                               u.status, u.scheduled_for, u.next_at, u.attempts, u.sent_at, u.failed_at, u.provider,
                               u.provider_id, u.reason, u.obligation_id, u.data::jsonb, u.fragments
                        from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[],
                            $13::int4[], $14::timestamptz[], $15::timestamptz[], $16::text[], $17::text[], $18::text[],
                            $19::uuid[], $20::text[], $21::int4[])
                            as u(id, key, case_id, authority, template, channel, recipient, role, language, status,
                                 scheduled_for, next_at, attempts, sent_at, failed_at, provider, provider_id, reason,
                                 obligation_id, data, fragments)
                        on conflict (id) do nothing
                        returning id, case_id, status""")
                .execute(Tuple.tuple(Arrays.asList(
                        Columns.of(intents, UUID.class, NoticeIntent::id),
                        Columns.of(intents, String.class, i -> i.key().value()),
                        Columns.of(intents, String.class, NoticeIntent::caseId),
                        Columns.of(intents, String.class, i -> authorityOfCase.apply(i.caseId())),
                        Columns.of(intents, String.class, i -> i.template().id()),
                        Columns.names(intents, NoticeIntent::channel),
                        Columns.of(intents, String.class, NoticeIntent::recipientId),
                        Columns.names(intents, NoticeIntent::recipientRole),
                        Columns.of(intents, String.class, i -> i.language().code()),
                        statuses,
                        Columns.of(intents, OffsetDateTime.class, i -> i.scheduledFor().atOffset(ZoneOffset.UTC)),
                        nextAt,
                        attempts,
                        sentAt,
                        failedAt,
                        providers,
                        providerIds,
                        reasons,
                        Columns.of(intents, UUID.class, NoticeIntent::obligationId),
                        Columns.of(intents, String.class, i -> toJson(i.data().toMap())),
                        fragments)))
                .chain(inserted -> {
                    List<UUID> ids = new ArrayList<>();
                    List<String> cases = new ArrayList<>();
                    List<String> finals = new ArrayList<>();
                    inserted.forEach(r -> {
                        if (NoticeStatus.valueOf(r.getString("status")).isFinal()) {
                            ids.add(r.getUUID("id"));
                            cases.add(r.getString("case_id"));
                            finals.add(r.getString("status"));
                        }
                    });
                    return ReceiptOutbox.add(c, ids, cases, finals, now);
                });
    }

    public Uni<Void> insertGroups(SqlConnection c, Collection<DistributionGroup> groups) {
        if (groups.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<DistributionGroup> rows = List.copyOf(groups);
        // uuid[][] cannot be passed as ragged arrays: obligation ids travel as comma-joined text and are split in SQL.
        return c.preparedQuery("""
                        insert into dispatch_group (group_key, case_id, obligation_ids)
                        select u.key, u.case_id, coalesce(string_to_array(nullif(u.ids, ''), ',')::uuid[], '{}')
                        from unnest($1::text[], $2::text[], $3::text[]) as u(key, case_id, ids)
                        on conflict (group_key) do nothing""")
                .execute(Tuple.of(
                        Columns.of(rows, String.class, g -> g.key().value()),
                        Columns.of(rows, String.class, DistributionGroup::caseId),
                        Columns.of(rows, String.class, g -> String.join(",", g.obligationIds().stream().map(UUID::toString).toList()))))
                .replaceWithVoid();
    }

    /** A re-scheduled meeting: reminders of earlier schedulings of the same kind of meeting, not yet sent, are withdrawn. */
    public Uni<Void> withdrawMeetingReminders(SqlConnection c, String caseId, String meetingKind, String exceptKeyPrefix) {
        return c.preparedQuery("""
                        delete from notice where case_id = $1 and template = 'meeting-reminder' and status = 'SCHEDULED'
                            and data ->> 'meeting' = $2 and notice_key not like $3""")
                .execute(Tuple.of(caseId, meetingKind, exceptKeyPrefix + "%"))
                .replaceWithVoid();
    }

    /** Fulfilment or cancellation withdraws the reminders of an obligation not yet sent. */
    public Uni<Void> withdrawReminders(SqlConnection c, Collection<UUID> obligationIds) {
        if (obligationIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        delete from notice where obligation_id = any($1) and status = 'SCHEDULED'
                            and template in ('obligation-reminder', 'obligation-overdue')""")
                .execute(Tuple.of((Object) obligationIds.toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    private static Integer[] ordinals(int n) {
        Integer[] out = new Integer[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private String toJson(Map<String, String> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
