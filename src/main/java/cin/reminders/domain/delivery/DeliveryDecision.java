package cin.reminders.domain.delivery;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.notice.NoticeStatus;
import java.util.Objects;
import java.util.Optional;

/** What {@link DeliveryPolicy} decides for a claimed notice before anything is rendered or sent. */
public sealed interface DeliveryDecision extends Verdict
        permits DeliveryDecision.Send, DeliveryDecision.Withdraw, Verdict.Retry, Verdict.Fail {

    /**
     * Render it and hand it to the channel's provider, at this address.
     *
     * @param address an email address, a mobile number in E.164 ({@code +447700900123}), or a letter's address
     *                lines (name, lines, postcode) one per line
     */
    record Send(Channel channel, String address) implements DeliveryDecision {

        public Send {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(address, "address");
        }

        @Override
        public Optional<NoticeStatus> writes() {
            return Optional.empty();
        }

        /** The address is personal data: it never reaches a log line. */
        @Override
        public String toString() {
            return "Send[" + channel + "]";
        }
    }

    /** No longer wanted: a reminder whose obligation closed (or went) before it went out. Its row is deleted. */
    record Withdraw() implements DeliveryDecision {

        @Override
        public Optional<NoticeStatus> writes() {
            return Optional.empty();
        }

        @Override
        public boolean settles() {
            return true;
        }
    }
}
