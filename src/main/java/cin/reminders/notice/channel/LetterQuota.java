package cin.reminders.notice.channel;

import cin.reminders.domain.delivery.SendResult;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Optional;

/**
 * Notify's daily letter limit, as the letter channel asks it just before a letter goes: empty when one of the day's
 * letters is taken for it, otherwise the wait until the next day.
 */
@FunctionalInterface
public interface LetterQuota {

    /** No limit (tests of the channel alone). */
    LetterQuota NONE = now -> Uni.createFrom().item(Optional.empty());

    Uni<Optional<SendResult.Deferred>> take(Instant now);

    /**
     * The day's letters are known to be used up (a letter was refused today already): a letter then waits for the next
     * day at once, without first waiting its turn in the pace.
     */
    default Optional<SendResult.Deferred> knownUsedUp(Instant now) {
        return Optional.empty();
    }
}
