package cin.reminders.notice.channel;

import cin.reminders.domain.delivery.SendResult;
import cin.reminders.domain.notice.FailureReason;
import io.smallrye.mutiny.Uni;

/** A channel with no provider configured: every message fails at once, so the fallback and the lead professional's notice take over. */
public class UnavailableSender implements MessageSender {

    private final String what;

    public UnavailableSender(String what) {
        this.what = what;
    }

    @Override
    public String provider() {
        return "none";
    }

    @Override
    public Uni<SendResult> send(Outbound message) {
        return Uni.createFrom().item(new SendResult.Permanent(FailureReason.REJECTED, what + " is not configured"));
    }
}
