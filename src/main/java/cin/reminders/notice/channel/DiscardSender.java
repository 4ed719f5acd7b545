package cin.reminders.notice.channel;

import cin.reminders.domain.delivery.SendResult;
import io.smallrye.mutiny.Uni;

/**
 * Takes every message and drops it: for load tests and benchmarks that measure the service up to
 * the point a message is handed to its channel. Never configure it where people expect messages.
 */
public class DiscardSender implements MessageSender {

    @Override
    public String provider() {
        return "discard";
    }

    /** Nothing reaches anyone: a message dropped again after a crash harms no one. */
    @Override
    public boolean recordAtOnce() {
        return false;
    }

    @Override
    public Uni<SendResult> send(Outbound message) {
        return Uni.createFrom().item(new SendResult.Sent(provider(), message.noticeId().toString()));
    }
}
