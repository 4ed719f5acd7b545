package cin.reminders.notice.render;

/**
 * A notice rendered for its channel: subject, HTML and plain text for email, or the text of an SMS
 * with the fragment count Notify will charge.
 */
public record RenderedMessage(String subject, String html, String text, String sms, int smsFragments, boolean smsUnicode) {

    @Override
    public String toString() {
        return "RenderedMessage[" + (sms != null ? "sms, " + smsFragments + " fragment(s)" : "email") + "]";
    }
}
