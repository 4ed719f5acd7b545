package cin.reminders.notice.channel;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.notice.NoticeTemplate;
import cin.reminders.domain.policy.Postage;
import cin.reminders.notice.render.RenderedMessage;
import java.util.UUID;

/**
 * A rendered message on its way to a provider. {@code noticeId} is the provider reference: it
 * carries no personal data, and lets a sender find out after a crash whether the provider already
 * accepted the message. The template, case id and trace context are for the send's span and meters.
 */
public record Outbound(UUID noticeId, Channel channel, String address, RenderedMessage content, NoticeTemplate template,
                       String caseId, String traceparent, Postage postage) {

    /** A message that is not a letter (no postage). */
    public Outbound(UUID noticeId, Channel channel, String address, RenderedMessage content, NoticeTemplate template,
                    String caseId, String traceparent) {
        this(noticeId, channel, address, content, template, caseId, traceparent, null);
    }

    /** A letter's address block, a line each (name, lines, postcode). */
    public java.util.List<String> addressLines() {
        return java.util.List.of(address.split("\n"));
    }

    @Override
    public String toString() {
        return "Outbound[" + noticeId + " " + channel + "]"; // never the address
    }
}
