package cin.reminders.domain.notice;

import cin.reminders.domain.event.EventKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import cin.reminders.domain.model.Channel;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A notice's natural key: what triggered it, for whom, which template, which ladder step, as
 * pipe-joined text. The notice's id is derived from it ({@link #id()}), so planning the same notice
 * twice (a replay, a restart, a second replica) writes one row.
 * <p>
 * Keys and ids are stored. The text each factory builds must never change: a different key is a
 * different id, and every notice planned again after a deploy would be sent a second time.
 *
 * @param value the key as the {@code notice_key} column holds it
 */
public record NoticeKey(String value) {

    /** Between the parts of a key. */
    public static final String SEPARATOR = "|";

    public NoticeKey {
        Objects.requireNonNull(value, "value");
    }

    /** A key read back from storage. */
    public static NoticeKey of(String stored) {
        return new NoticeKey(stored);
    }

    /** One recipient's copy of a document, or closure notice: {@code plan-copy|<event>|<participant>}. */
    public static NoticeKey copy(DistributionKey distribution, String participantId) {
        return join(distribution.value(), participantId);
    }

    /** {@code meeting-invitation|<event>|<participant>}. */
    public static NoticeKey meetingInvitation(EventKey scheduled, String participantId) {
        return join(NoticeTemplate.MEETING_INVITATION.id(), scheduled.toString(), participantId);
    }

    /** {@code meeting-reminder|<event>|<participant>}: begins with {@link #meetingReminderPrefix}. */
    public static NoticeKey meetingReminder(EventKey scheduled, String participantId) {
        return join(meetingReminderPrefix(scheduled), participantId);
    }

    /**
     * What the keys of one scheduling's meeting reminders begin with. A re-scheduled meeting withdraws
     * the unsent reminders of the same kind of meeting whose keys do not begin with its own prefix.
     */
    public static String meetingReminderPrefix(EventKey scheduled) {
        return NoticeTemplate.MEETING_REMINDER.id() + SEPARATOR + scheduled;
    }

    /** {@code school-hours-warning|<event>|<lead professional>}. */
    public static NoticeKey schoolHoursWarning(EventKey scheduled, String leadProfessionalId) {
        return join(NoticeTemplate.SCHOOL_HOURS_WARNING.id(), scheduled.toString(), leadProfessionalId);
    }

    /** {@code policy-breach|<obligation>|<team manager>}. */
    public static NoticeKey policyBreach(UUID obligationId, String teamManagerId) {
        return join(NoticeTemplate.POLICY_BREACH.id(), obligationId.toString(), teamManagerId);
    }

    /** One recipient of one rung of an obligation's ladder: {@code obligation-reminder|<obligation>|before-5|<participant>}. */
    public static NoticeKey reminder(NoticeTemplate template, UUID obligationId, ReminderStep step, String participantId) {
        if (template != NoticeTemplate.OBLIGATION_REMINDER && template != NoticeTemplate.OBLIGATION_OVERDUE) {
            throw new IllegalArgumentException("not a reminder template: " + template);
        }
        return join(template.id(), obligationId.toString(), step.key(), participantId);
    }

    /** The owner told of one change of calendar that moved an obligation: {@code due-date-changed|<obligation>|<calendar>|<owner>}. */
    public static NoticeKey dueDateChanged(UUID obligationId, String calendarFingerprint, String participantId) {
        return join(NoticeTemplate.DUE_DATE_CHANGED.id(), obligationId.toString(), calendarFingerprint, participantId);
    }

    /**
     * One professional's digest of one working day: {@code daily-digest|<authority>|<participant>|<day>}. Participant
     * ids are a council's own, so the council is part of the key.
     */
    public static NoticeKey dailyDigest(String authority, String participantId, java.time.LocalDate day) {
        return join(NoticeTemplate.DAILY_DIGEST.id(), authority, participantId, day.toString());
    }

    /** The lead professional told that {@code failed} could not reach its recipient: {@code contact-failed|<failed key>|<lead>}. */
    public static NoticeKey contactFailed(NoticeKey failed, String leadProfessionalId) {
        return join(NoticeTemplate.CONTACT_FAILED.id(), failed.value, leadProfessionalId);
    }

    /** The same notice by email, after its text could not be delivered: {@code <this key>|email}. */
    public NoticeKey byEmailInstead() {
        return by(Channel.EMAIL);
    }

    /**
     * The same notice by another channel, the next step of the proof-of-service ladder after this one failed:
     * {@code <this key>|email}, {@code |sms} or {@code |letter}.
     */
    public NoticeKey by(Channel channel) {
        return join(value, channel.name().toLowerCase(Locale.ROOT));
    }

    /** How many ladder steps this key is past the notice first planned (its trailing channel parts). */
    public int ladderSteps() {
        String[] parts = value.split("\\" + SEPARATOR, -1);
        int steps = 0;
        for (int i = parts.length - 1; i > 0 && LADDER_PARTS.contains(parts[i]); i--) {
            steps++;
        }
        return steps;
    }

    private static final java.util.Set<String> LADDER_PARTS = java.util.Arrays.stream(Channel.values())
            .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The notice's id: {@link UUID#nameUUIDFromBytes} of the key's UTF-8 bytes (version 3, MD5). */
    public UUID id() {
        return idOf(value);
    }

    /** {@link UUID#nameUUIDFromBytes} of the key, without looking up an MD5 provider on every call. */
    public static UUID idOf(String key) {
        byte[] md5 = MD5.get().digest(key.getBytes(StandardCharsets.UTF_8));
        md5[6] = (byte) ((md5[6] & 0x0f) | 0x30); // version 3: name-based, MD5
        md5[8] = (byte) ((md5[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (md5[i] & 0xff);
            lsb = (lsb << 8) | (md5[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    });

    private static NoticeKey join(String... parts) {
        return new NoticeKey(String.join(SEPARATOR, parts));
    }

    /** The key itself, so that a key concatenated into text reads as it is stored. */
    @Override
    public String toString() {
        return value;
    }
}
