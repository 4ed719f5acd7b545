package cin.reminders.notice.channel;

import cin.reminders.domain.delivery.SendResult;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.UUID;

/** One way out for messages: SMTP, GOV.UK Notify, or a directory (demo). Interchangeable by configuration. */
public interface MessageSender {

    /** The provider's name as recorded on notices: {@code smtp}, {@code notify}, {@code outbox}. */
    String provider();

    Uni<SendResult> send(Outbound message);

    /**
     * After a crash between "provider accepted" and "marked sent": did the provider already accept
     * this notice? Empty when it did not, or when the provider cannot tell (SMTP).
     */
    default Uni<Optional<String>> acceptedAlready(UUID noticeId) {
        return Uni.createFrom().item(Optional.empty());
    }

    /** Whether {@link #acceptedAlready} can answer; when not, a notice in the crash window is sent again. */
    default boolean canLookUp() {
        return false;
    }

    /**
     * Whether a sent notice must be recorded the moment the provider answers, rather than with its batch:
     * when the provider cannot be asked after a crash, the batch's messages would otherwise all go again.
     */
    default boolean recordAtOnce() {
        return !canLookUp();
    }
}
