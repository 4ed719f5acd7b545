package cin.reminders.notice.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every {@code notices.*} setting. The defaults are in application.properties, each listed once with
 * what it means; nothing here restates them.
 */
@ConfigMapping(prefix = "notices")
public interface NoticesConfig {

    Email email();

    Sms sms();

    Letter letter();

    Outbox outbox();

    Dispatch dispatch();

    Reminders reminders();

    Receipts receipts();

    Loops loops();

    /** Who carries email. Unset: SMTP, or the outbox directory in the embedded demo. */
    interface Email {
        Optional<EmailProvider> provider();
    }

    /** Who carries texts. Unset: Notify when {@code notify.api-key} is set, else the outbox in the demo, else none. */
    interface Sms {
        Optional<SmsProvider> provider();
    }

    /**
     * Who carries letters. Unset: Notify when {@code notify.api-key} is set (a warning at start-up when
     * {@code notify.letter-template-id} is not), else the outbox in the demo (a {@code .letter.txt} per letter), else none.
     */
    interface Letter {
        Optional<LetterProvider> provider();
    }

    enum LetterProvider { NOTIFY, OUTBOX, NONE, DISCARD }

    enum EmailProvider { SMTP, NOTIFY, OUTBOX, DISCARD }

    enum SmsProvider { NOTIFY, OUTBOX, NONE, DISCARD }

    interface Outbox {
        Path dir();
    }

    interface Dispatch {
        /** Notices claimed per dispatcher batch. */
        int batchSize();

        /** Sends in flight per batch. */
        int concurrency();

        /** Attempts before a notice that keeps failing transiently is given up. */
        int maxAttempts();

        /** How long a claimed notice (or a reminder rung) is held before another replica may take it. */
        Duration lease();

        Duration firstRetry();

        Duration maxRetry();

        /** How long a sent notice's record is retried while the database is away. */
        Duration recordFor();

        /** How long the database must have been back before lease recovery runs. */
        Duration recoveryGrace();

        /** Abandoned notices queued again per recovery batch. */
        int recoveryBatchSize();
    }

    interface Reminders {
        /** Reminder rungs fired per batch. */
        int batchSize();

        /**
         * Councils on {@code reminders.delivery: digest}: how long after the reminder hour the digests go, so that the
         * hour's rungs have fired and joined them (CONTRACT-2 §7).
         */
        @WithDefault("10m")
        Duration digestGather();

        /**
         * How far ahead reminder rungs are claimed, planned and rendered, to be handed to their channel at their
         * instant (ReminderStaging): the 08:30 burst is ready before 08:30. PT0S: none staged, each fired when due.
         */
        Duration stageAhead();

        /**
         * The most heap staging holds at once, as a share of the heap's maximum (per cent), counted as the rendered
         * text and the objects around it; rungs past it are fired when due, as without staging.
         */
        int stageHeapPercent();
    }

    interface Receipts {
        /** Receipts published per relay batch. */
        int batchSize();
    }

    interface Loops {
        /** Off: this replica sends nothing (the API and ingestion still run). */
        boolean enabled();

        /** Drains of the same loop side by side. */
        int parallelism();

        Duration every();

        Duration recoveryEvery();
    }
}
