package cin.reminders.notice.channel;

import cin.reminders.domain.model.Channel;
import cin.reminders.notice.render.RenderedMessage;
import java.util.UUID;

/**
 * A rendered message on its way to a provider. {@code noticeId} is the provider reference: it
 * carries no personal data, and lets a sender find out after a crash whether the provider already
 * accepted the message.
 */
public record Outbound(UUID noticeId, Channel channel, String address, RenderedMessage content) {

    @Override
    public String toString() {
        return "Outbound[" + noticeId + " " + channel + "]"; // never the address
    }
}
