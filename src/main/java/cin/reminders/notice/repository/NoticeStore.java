package cin.reminders.notice.repository;

import cin.reminders.domain.model.Councils;
import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.DistributionKey;
import cin.reminders.domain.notice.NoticeData;
import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.NoticeKey;
import cin.reminders.domain.notice.DigestNotice;
import cin.reminders.domain.notice.NoticeStatus;
import cin.reminders.domain.notice.NoticeTemplate;
import cin.reminders.notice.repository.ReceiptOutboxStore.Settled;
import cin.reminders.platform.sql.Columns;
import cin.reminders.platform.sql.StatusNames;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@code notice} table: every statement on it, its row mappings and its status names.
 * <ul>
 * <li>Planned notices are inserted {@code ON CONFLICT DO NOTHING} on the id derived from the natural
 * key: planning the same notice twice (a replay, a retry after a crash, two replicas) leaves one row.</li>
 * <li>The dispatcher's queue: due notices are claimed in batches with {@code FOR UPDATE SKIP LOCKED} and
 * leased (status SENDING, {@code claimed_until}) in a committed transaction before any provider is called.
 * Another replica skips what is locked or leased; a lease that runs out (its holder crashed) is queued
 * again, and the dispatcher asks the provider whether it already has the message.</li>
 * </ul>
 * Writes that settle a notice (sent, failed, suppressed) return it as {@link Settled}, for the receipts
 * outbox in the same transaction.
 */
@ApplicationScoped
public class NoticeStore {

    /** A notice as the audit record shows it. */
    public record Recorded(UUID id, String caseId, String template, String channel, String recipientId,
                           String recipientRole, String language, NoticeStatus status, Instant scheduledFor, Instant sentAt,
                           Instant deliveredAt, String reason, String provider, String providerId, int attempts,
                           Integer smsFragments, UUID obligationId, String authority, UUID follows, UUID digestId) {
    }

    /** A notice that failed: ids, template, channel and role only, never a name or an address. */
    public record FailedNotice(Instant failedAt, String caseId, String authority, String template, String channel,
                               String recipientRole, String reason) {
    }

    /** The newest failures and how many there were in all. */
    public record Failures(List<FailedNotice> rows, long total) {
    }

    /** A notice a receipt is about, and its status before the receipt. */
    public record Receipted(ClaimedNotice notice, NoticeStatus status) {
    }

    private static String sql(String text) {
        return StatusNames.in(text, NoticeStatus.class);
    }

    private static final String CLAIM = sql("""
            update notice n set status = {SENDING}, claimed_by = $1, claimed_until = $3,
                attempts = n.attempts + 1, updated_at = now()
            from (select id from notice
                  where status = {SCHEDULED} and next_attempt_at <= $2
                  order by next_attempt_at
                  limit $4
                  for update skip locked) due
            where n.id = due.id
            returning n.*""");

    private static final String UPDATE_OUTCOMES = sql("""
            update notice n set status = u.status,
                next_attempt_at = coalesce(u.next_at, n.next_attempt_at),
                attempts = n.attempts - u.refund,
                sent_at = coalesce(u.sent_at, n.sent_at),
                failed_at = coalesce(u.failed_at, n.failed_at),
                provider = coalesce(u.provider, n.provider),
                provider_id = coalesce(u.provider_id, n.provider_id),
                reason = u.reason,
                sms_fragments = coalesce(u.fragments, n.sms_fragments),
                sms_unicode = coalesce(u.uni, n.sms_unicode),
                claimed_by = null, claimed_until = null, updated_at = now()
            from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::int4[], $5::timestamptz[],
                        $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::int4[], $11::bool[])
                as u(id, status, next_at, refund, sent_at, failed_at, provider, provider_id, reason, fragments, uni)
            where n.id = u.id and n.status = {SENDING}
            returning n.id, n.authority, n.case_id, n.status""");

    private static final String INSERT_PLANNED = sql("""
            insert into notice (id, notice_key, case_id, authority, template, channel, recipient_participant_id,
                recipient_role, language, status, scheduled_for, next_attempt_at, reason, group_key, obligation_id,
                data, failed_at, traceparent, follows)
            select u.id, u.key, u.case_id, u.authority, u.template, u.channel, u.recipient, u.role, u.language,
                   u.status, u.scheduled_for, u.scheduled_for, u.reason, u.group_key, u.obligation_id, u.data::jsonb,
                   case when u.status = {FAILED} then $17::timestamptz end, $18::text, u.follows
            from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                        $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::text[], $13::text[],
                        $14::uuid[], $15::text[], $16::int4[], $19::uuid[])
                as u(id, key, case_id, authority, template, channel, recipient, role, language, status,
                     scheduled_for, reason, group_key, obligation_id, data, ord, follows)
            order by u.ord
            on conflict (id) do nothing
            returning id, authority, case_id, status""");

    private static final String INSERT_DELIVERED = """
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
            returning id, authority, case_id, status""";

    /** starts_with, not LIKE: an event id may hold LIKE's wildcards, or begin another event's id. */
    private static final String WITHDRAW_MEETING_REMINDERS = sql("""
            delete from notice where authority = $5 and case_id = $1 and template = $4 and status = {SCHEDULED}
                and data ->> 'meeting' = $2 and not starts_with(notice_key, $3)""");

    private static final String WITHDRAW_REMINDERS = sql("""
            delete from notice where obligation_id = any($1) and status = {SCHEDULED}
                and template = any($2)""");

    private static final String[] REMINDER_TEMPLATES = {
        NoticeTemplate.OBLIGATION_REMINDER.id(), NoticeTemplate.OBLIGATION_OVERDUE.id()};

    private final ObjectMapper json;

    public NoticeStore(ObjectMapper json) {
        this.json = json;
    }

    // ---- Planning ----------------------------------------------------------------------------------

    /** Records planned notices (once each); those recorded already settled (suppressed, failed at planning). */
    public Uni<List<Settled>> insert(SqlConnection c, Collection<NoticeIntent> intents, Instant now) {
        if (intents.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<UUID, NoticeIntent> byId = new LinkedHashMap<>();
        intents.forEach(i -> byId.putIfAbsent(i.id(), i));
        List<NoticeIntent> rows = new ArrayList<>(byId.values());
        return c.preparedQuery(INSERT_PLANNED)
                .execute(Tuple.tuple(Arrays.asList( // asList: the trace context may be null
                        Columns.of(rows, UUID.class, NoticeIntent::id),
                        Columns.of(rows, String.class, i -> i.key().value()),
                        Columns.of(rows, String.class, NoticeIntent::caseId),
                        Columns.of(rows, String.class, NoticeIntent::authority),
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
                        now.atOffset(ZoneOffset.UTC),
                        TraceContext.current(),
                        Columns.of(rows, UUID.class, NoticeIntent::follows))))
                .map(NoticeStore::settled);
    }

    /**
     * Records notices that were planned and delivered in one pass (the reminder firing): each row is
     * written once, in its outcome's state (sent, failed, or queued for the dispatcher to retry); a notice
     * with no outcome yet is written as planned.
     */
    public Uni<List<Settled>> insertDelivered(SqlConnection c, List<NoticeIntent> intents, Map<UUID, Outcome> outcomes,
                                              Instant now) {
        if (intents.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        OutcomeColumns cols = new OutcomeColumns(intents.size());
        for (int i = 0; i < intents.size(); i++) {
            NoticeIntent intent = intents.get(i);
            Outcome.Row planned = new Outcome.Row(intent.status(), intent.scheduledFor(), false, null, null, intent.reason(),
                    null, null);
            Optional<Outcome> outcome = Optional.ofNullable(outcomes.get(intent.id()));
            cols.set(i, outcome.flatMap(Outcome::row).map(row -> row.orElse(intent.scheduledFor(), intent.reason())).orElse(planned),
                    outcome.flatMap(Outcome::happenedAt).map(t -> t.atOffset(ZoneOffset.UTC)).orElse(at));
        }
        return c.preparedQuery(INSERT_DELIVERED)
                .execute(Tuple.tuple(Arrays.asList(
                        Columns.of(intents, UUID.class, NoticeIntent::id),
                        Columns.of(intents, String.class, i -> i.key().value()),
                        Columns.of(intents, String.class, NoticeIntent::caseId),
                        Columns.of(intents, String.class, NoticeIntent::authority),
                        Columns.of(intents, String.class, i -> i.template().id()),
                        Columns.names(intents, NoticeIntent::channel),
                        Columns.of(intents, String.class, NoticeIntent::recipientId),
                        Columns.names(intents, NoticeIntent::recipientRole),
                        Columns.of(intents, String.class, i -> i.language().code()),
                        cols.statuses,
                        Columns.of(intents, OffsetDateTime.class, i -> i.scheduledFor().atOffset(ZoneOffset.UTC)),
                        cols.nextAt,
                        cols.attempted,
                        cols.sentAt,
                        cols.failedAt,
                        cols.providers,
                        cols.providerIds,
                        cols.reasons,
                        Columns.of(intents, UUID.class, NoticeIntent::obligationId),
                        Columns.of(intents, String.class, i -> toJson(i.data().toMap())),
                        cols.fragments)))
                .map(NoticeStore::settled);
    }

    /**
     * A re-scheduled meeting: reminders of earlier schedulings of the same kind of meeting, not yet sent, are
     * withdrawn; those of this scheduling (their keys begin with {@code keepKeyPrefix} and its separator) stay.
     */
    public Uni<Void> withdrawMeetingReminders(SqlConnection c, CaseRef ref, String meetingKind, String keepKeyPrefix) {
        return c.preparedQuery(WITHDRAW_MEETING_REMINDERS)
                .execute(Tuple.of(ref.caseId(), meetingKind, keepKeyPrefix + NoticeKey.SEPARATOR,
                        NoticeTemplate.MEETING_REMINDER.id(), ref.authority()))
                .replaceWithVoid();
    }

    /** Fulfilment or cancellation withdraws the reminders of an obligation not yet sent. */
    public Uni<Void> withdrawReminders(SqlConnection c, Collection<UUID> obligationIds) {
        if (obligationIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery(WITHDRAW_REMINDERS)
                .execute(Tuple.of(obligationIds.toArray(UUID[]::new), REMINDER_TEMPLATES))
                .replaceWithVoid();
    }

    // ---- The dispatcher's queue --------------------------------------------------------------------

    public Uni<List<ClaimedNotice>> claim(SqlConnection c, String replica, Instant now, int limit, Duration lease) {
        return c.preparedQuery(CLAIM)
                .execute(Tuple.of(replica, now.atOffset(ZoneOffset.UTC), now.plus(lease).atOffset(ZoneOffset.UTC), limit))
                .map(rows -> {
                    List<ClaimedNotice> out = new ArrayList<>();
                    rows.forEach(r -> out.add(claimed(r)));
                    return out;
                });
    }

    /** The earliest notice due after {@code now}, if any: when the dispatcher should next look. */
    public Uni<Optional<Instant>> nextAfter(Pool pool, Instant now) {
        return pool.preparedQuery(sql("select min(next_attempt_at) from notice where status = {SCHEDULED} and next_attempt_at > $1"))
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
                .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime(0)).map(OffsetDateTime::toInstant));
    }

    /** Writes each outcome that has a {@linkplain Outcome#row row} onto its notice, if still SENDING; those settled. */
    public Uni<List<Settled>> record(SqlConnection c, List<Outcome> all, Instant now) {
        List<Outcome> outcomes = all.stream().filter(o -> o.row().isPresent()).toList();
        if (outcomes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        UUID[] ids = new UUID[outcomes.size()];
        Integer[] refunds = new Integer[outcomes.size()];
        OutcomeColumns cols = new OutcomeColumns(outcomes.size());
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome.Row row = outcomes.get(i).row().orElseThrow();
            ids[i] = outcomes.get(i).notice().id();
            refunds[i] = row.attempted() ? 0 : 1; // the claim counted an attempt; a wait that is not one gives it back
            cols.set(i, row, outcomes.get(i).happenedAt().map(t -> t.atOffset(ZoneOffset.UTC)).orElse(at));
        }
        return c.preparedQuery(UPDATE_OUTCOMES)
                .execute(Tuple.tuple(List.of(ids, cols.statuses, cols.nextAt, refunds, cols.sentAt, cols.failedAt,
                        cols.providers, cols.providerIds, cols.reasons, cols.fragments, cols.unicode)))
                .map(NoticeStore::settled);
    }

    private static final String INSERT_DIGESTS = sql("""
            insert into notice (id, notice_key, case_id, authority, template, channel, recipient_participant_id,
                recipient_role, language, status, scheduled_for, next_attempt_at, data)
            select u.id, u.key, null, u.authority, $9, $10, u.recipient, u.role, u.language, {SCHEDULED},
                   u.scheduled_for, u.scheduled_for, u.data::jsonb
            from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                        $8::text[])
                as u(id, key, authority, recipient, role, language, scheduled_for, data)
            order by u.id
            on conflict (id) do nothing""");

    /**
     * Plans digests (CONTRACT-2 §7): a row per professional and day, whoever plans it first; one already there stays
     * as it is.
     */
    public Uni<Void> planDigests(SqlConnection c, Collection<DigestNotice> digests) {
        if (digests.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<DigestNotice> list = List.copyOf(digests);
        return c.preparedQuery(INSERT_DIGESTS)
                .execute(Tuple.tuple(Arrays.asList(
                        Columns.of(list, UUID.class, DigestNotice::id),
                        Columns.of(list, String.class, d -> d.key().value()),
                        Columns.of(list, String.class, DigestNotice::authority),
                        Columns.of(list, String.class, DigestNotice::recipientId),
                        Columns.names(list, DigestNotice::recipientRole),
                        Columns.of(list, String.class, d -> d.language().code()),
                        Columns.of(list, OffsetDateTime.class, d -> d.scheduledFor().atOffset(ZoneOffset.UTC)),
                        Columns.of(list, String.class, d -> toJson(d.data().toMap())),
                        NoticeTemplate.DAILY_DIGEST.id(),
                        Channel.EMAIL.name())))
                .replaceWithVoid();
    }

    /**
     * Of the given digests, those still open to rungs: planned, never yet claimed by a dispatcher. They are locked
     * until the caller's transaction ends, so a dispatcher cannot claim one while a rung joins it (its claim skips
     * locked rows, and takes the digest on its next pass, with the rung in it).
     */
    public Uni<java.util.Set<UUID>> lockOpenDigests(SqlConnection c, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(java.util.Set.of());
        }
        return c.preparedQuery(sql("""
                        select id from notice where id = any($1) and status = {SCHEDULED} and attempts = 0
                        order by id for update"""))
                .execute(Tuple.of((Object) ids.stream().sorted().toArray(UUID[]::new)))
                .map(rows -> {
                    java.util.Set<UUID> out = new java.util.HashSet<>();
                    rows.forEach(r -> out.add(r.getUUID("id")));
                    return out;
                });
    }

    /** Names the digest each rung went into (its notice already written, SUPPRESSED {@code in-digest}). */
    public Uni<Void> foldIntoDigests(SqlConnection c, Map<UUID, UUID> digestOfRung) {
        if (digestOfRung.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map.Entry<UUID, UUID>> pairs = List.copyOf(digestOfRung.entrySet());
        return c.preparedQuery(sql("""
                        update notice n set digest_id = u.digest from unnest($1::uuid[], $2::uuid[]) as u(id, digest)
                        where n.id = u.id and n.status = {SUPPRESSED} and n.reason = $3"""))
                .execute(Tuple.of(pairs.stream().map(Map.Entry::getKey).toArray(UUID[]::new),
                        pairs.stream().map(Map.Entry::getValue).toArray(UUID[]::new), DigestNotice.IN_DIGEST))
                .replaceWithVoid();
    }

    /** A rung folded into a digest: which obligation, which rung. */
    public record FoldedRung(UUID digestId, UUID obligationId, NoticeTemplate template) {
    }

    /** The rungs folded into the given digests. */
    public Uni<List<FoldedRung>> foldedInto(SqlClient c, Collection<UUID> digestIds) {
        if (digestIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return c.preparedQuery("""
                        select digest_id, obligation_id, template from notice where digest_id = any($1)
                        and obligation_id is not null""")
                .execute(Tuple.of((Object) digestIds.toArray(UUID[]::new)))
                .map(rows -> {
                    List<FoldedRung> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new FoldedRung(r.getUUID("digest_id"), r.getUUID("obligation_id"),
                            NoticeTemplate.fromId(r.getString("template")).orElseThrow())));
                    return out;
                });
    }

    /** Those of the given notices that have a row. */
    public Uni<java.util.Set<UUID>> existing(SqlClient c, Collection<UUID> ids) {
        return c.preparedQuery("select id from notice where id = any($1)")
                .execute(Tuple.of((Object) ids.toArray(UUID[]::new)))
                .map(rows -> {
                    java.util.Set<UUID> out = new java.util.HashSet<>();
                    rows.forEach(r -> out.add(r.getUUID("id")));
                    return out;
                });
    }

    /** Withdrawn notices still leased by their dispatcher are deleted. */
    public Uni<Void> deleteLeased(SqlConnection c, UUID[] ids) {
        if (ids.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery(sql("delete from notice where id = any($1) and status = {SENDING}"))
                .execute(Tuple.of((Object) ids))
                .replaceWithVoid();
    }

    /**
     * Queues again, due at once, notices whose lease ran out while SENDING: their dispatcher died
     * between claiming and recording. Their attempt still counts, so the dispatcher asks the provider
     * (where it can be asked) before sending them again. The number queued.
     */
    public Uni<Integer> requeueExpired(Pool pool, Instant now, int limit) {
        return pool.preparedQuery(sql("""
                        update notice n set status = {SCHEDULED}, claimed_by = null, claimed_until = null,
                            next_attempt_at = $1, reason = 'its dispatcher stopped mid-send', updated_at = now()
                        from (select id from notice
                              where status = {SENDING} and claimed_until < $1
                              order by claimed_until
                              limit $2
                              for update skip locked) expired
                        where n.id = expired.id"""))
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit))
                .map(RowSet::rowCount);
    }

    /**
     * Gives back what a replica still holds (a graceful shutdown). The attempt still counts:
     * a send may have been in flight when the shutdown stopped waiting, so the provider is asked first.
     * The number given back.
     */
    public Uni<Integer> releaseHeldBy(Pool pool, String replica) {
        return pool.preparedQuery(sql("""
                        update notice set status = {SCHEDULED}, claimed_by = null, claimed_until = null,
                            updated_at = now()
                        where claimed_by = $1 and status = {SENDING}"""))
                .execute(Tuple.of(replica))
                .map(RowSet::rowCount);
    }

    // ---- Delivery receipts -------------------------------------------------------------------------

    /** The notice a Notify receipt is about (by our reference, else by Notify's id), locked for the update. */
    public Uni<Optional<Receipted>> forReceipt(SqlConnection c, UUID reference, String notifyId) {
        return c.preparedQuery("""
                        select * from notice where (id = $1 or ($2::text is not null and provider = 'notify' and provider_id = $2))
                        order by (id = $1) desc limit 1 for update""")
                .execute(Tuple.of(reference, notifyId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new Receipted(claimed(rows.iterator().next()),
                        NoticeStatus.valueOf(rows.iterator().next().getString("status")))));
    }

    /** A receipt moves a notice on (SENT, DELIVERED or FAILED with the reason). */
    public Uni<Void> applyReceipt(SqlConnection c, UUID id, NoticeStatus next, String notifyId, Instant at, String reason) {
        return c.preparedQuery(sql("""
                        update notice set status = $2, provider_id = coalesce(provider_id, $3),
                            provider = coalesce(provider, 'notify'),
                            sent_at = coalesce(sent_at, $4),
                            delivered_at = case when $2 = {DELIVERED} then $4 else delivered_at end,
                            failed_at = case when $2 = {FAILED} then $4 else failed_at end,
                            reason = case when $2 = {FAILED} then $5 else reason end,
                            claimed_by = null, claimed_until = null, updated_at = now()
                        where id = $1"""))
                .execute(Tuple.of(id, next.name(), notifyId, at.atOffset(ZoneOffset.UTC), reason))
                .replaceWithVoid();
    }

    // ---- Reads -------------------------------------------------------------------------------------

    /** Every notice recorded for a case, in the order they were (or are) due. */
    public Uni<List<Recorded>> forCase(SqlClient c, CaseRef ref) {
        return c.preparedQuery("""
                        select * from notice where authority = $1 and case_id = $2
                        order by scheduled_for, created_at, id""")
                .execute(Tuple.of(ref.authority(), ref.caseId()))
                .map(rows -> {
                    List<Recorded> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Recorded(r.getUUID("id"), r.getString("case_id"), r.getString("template"),
                                r.getString("channel"), r.getString("recipient_participant_id"), r.getString("recipient_role"),
                                r.getString("language"), NoticeStatus.valueOf(r.getString("status")),
                                Columns.instant(r, "scheduled_for"), Columns.instant(r, "sent_at"), Columns.instant(r, "delivered_at"),
                                r.getString("reason"), r.getString("provider"), r.getString("provider_id"),
                                r.getInteger("attempts"), r.getInteger("sms_fragments"), r.getUUID("obligation_id"),
                                r.getString("authority"), r.getUUID("follows"), r.getUUID("digest_id")));
                    }
                    return out;
                });
    }

    /** Notices FAILED since {@code since}, newest first (at most {@code limit}), with how many in all. */
    public Uni<Failures> failedSince(SqlClient c, Instant since, Councils councils, int limit) {
        return c.preparedQuery(sql("""
                        select failed_at, case_id, authority, template, channel, recipient_role, reason,
                               count(*) over () as total
                        from notice
                        where status = {FAILED} and failed_at >= $1 and ($2::text[] is null or authority = any($2))
                        order by failed_at desc, id
                        limit $3"""))
                .execute(Tuple.of(since.atOffset(ZoneOffset.UTC), councils.sqlArray(), limit))
                .map(rows -> {
                    List<FailedNotice> out = new ArrayList<>();
                    long total = 0;
                    for (Row r : rows) {
                        total = r.getLong("total");
                        out.add(new FailedNotice(Columns.instant(r, "failed_at"), r.getString("case_id"), r.getString("authority"),
                                r.getString("template"), r.getString("channel"), r.getString("recipient_role"),
                                r.getString("reason")));
                    }
                    return new Failures(List.copyOf(out), total);
                });
    }

    /**
     * The state gauges' statement, every 30 s on every replica: an index-only scan of {@code notice_live_channel
     * (status, channel) where status in ('SCHEDULED', 'SENDING')} (V6), so its cost follows the queue, not the
     * millions of settled notices (those are counted as they settle: {@code cin.notices.settled}). Public for the
     * test that checks its plan.
     */
    public static final String LIVE_BY_CHANNEL = sql("""
            select status, channel, count(*) as n from notice
            where status in ({SCHEDULED}, {SENDING})
            group by status, channel""");

    /**
     * Scheduled notices whose time has come ({@code next_attempt_at} reached): the dispatcher's backlog. A notice waiting
     * out the quiet hours, a 429 or the day's letter limit has its next attempt moved on, so it is not due until then.
     * Answered by {@code notice_due} alone (partial on SCHEDULED, keyed by {@code next_attempt_at}).
     */
    public static final String DUE = sql("""
            select count(*) as n from notice
            where status = {SCHEDULED} and next_attempt_at <= $1""");

    /** How many scheduled notices are due at {@code now} (the state gauges). */
    public Uni<Long> countDue(SqlClient c, Instant now) {
        return c.preparedQuery(DUE)
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** How many notices are not yet settled (scheduled or being sent), per channel and status (the state gauges). */
    public Uni<Map<String, Map<String, Long>>> countLiveByChannelAndStatus(SqlClient c) {
        return c.preparedQuery(LIVE_BY_CHANNEL)
                .execute()
                .map(rows -> {
                    Map<String, Map<String, Long>> out = new HashMap<>();
                    rows.forEach(r -> out.computeIfAbsent(r.getString("channel"), k -> new LinkedHashMap<>())
                            .put(r.getString("status"), r.getLong("n")));
                    return out;
                });
    }

    // ---- Row mapping -------------------------------------------------------------------------------

    /** The columns outcomes write, one array each for {@code unnest}: sent_at and failed_at are now when they say so. */
    private static final class OutcomeColumns {
        final String[] statuses;
        final OffsetDateTime[] nextAt;
        final Integer[] attempted;
        final OffsetDateTime[] sentAt;
        final OffsetDateTime[] failedAt;
        final String[] providers;
        final String[] providerIds;
        final String[] reasons;
        final Integer[] fragments;
        final Boolean[] unicode;

        OutcomeColumns(int n) {
            statuses = new String[n];
            nextAt = new OffsetDateTime[n];
            attempted = new Integer[n];
            sentAt = new OffsetDateTime[n];
            failedAt = new OffsetDateTime[n];
            providers = new String[n];
            providerIds = new String[n];
            reasons = new String[n];
            fragments = new Integer[n];
            unicode = new Boolean[n];
        }

        void set(int i, Outcome.Row row, OffsetDateTime at) {
            statuses[i] = row.status().name();
            nextAt[i] = row.nextAttemptAt() == null ? null : row.nextAttemptAt().atOffset(ZoneOffset.UTC);
            attempted[i] = row.attempted() ? 1 : 0;
            sentAt[i] = row.status() == NoticeStatus.SENT ? at : null;
            failedAt[i] = row.status() == NoticeStatus.FAILED ? at : null;
            providers[i] = row.provider();
            providerIds[i] = row.providerId();
            reasons[i] = row.reason();
            fragments[i] = row.smsFragments();
            unicode[i] = row.smsUnicode();
        }
    }

    /** The rows a write returned that are now in a final state: their receipts go to the outbox. */
    private static List<Settled> settled(RowSet<Row> rows) {
        List<Settled> out = new ArrayList<>();
        for (Row r : rows) {
            NoticeStatus status = NoticeStatus.valueOf(r.getString("status"));
            // A digest has no case, and no receipt: receipts tell the case-management system about its cases.
            if (status.isFinal() && r.getString("case_id") != null) {
                out.add(new Settled(r.getUUID("id"), new CaseRef(r.getString("authority"), r.getString("case_id")), status));
            }
        }
        return out;
    }

    static ClaimedNotice claimed(Row r) {
        NoticeTemplate template = NoticeTemplate.fromId(r.getString("template")).orElseThrow();
        Map<String, String> data = new HashMap<>();
        Object raw = r.getValue("data");
        if (raw instanceof JsonObject object) {
            object.forEach(e -> data.put(e.getKey(), e.getValue() == null ? null : e.getValue().toString()));
        } else if (raw instanceof String s) {
            try {
                data.putAll(new ObjectMapper().readValue(s, new TypeReference<Map<String, String>>() { }));
            } catch (Exception e) {
                throw new IllegalStateException("notice data is not a JSON object", e);
            }
        }
        return new ClaimedNotice(
                r.getUUID("id"),
                NoticeKey.of(r.getString("notice_key")),
                r.getString("case_id"),
                r.getString("authority"),
                template,
                Channel.valueOf(r.getString("channel")),
                r.getString("recipient_participant_id"),
                Role.valueOf(r.getString("recipient_role")),
                Language.fromCode(r.getString("language")),
                r.getInteger("attempts"),
                r.getOffsetDateTime("scheduled_for").toInstant(),
                r.getUUID("obligation_id"),
                r.getString("group_key"),
                r.getString("provider"),
                NoticeData.fromMap(template, Map.copyOf(data)),
                r.getString("traceparent"));
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
