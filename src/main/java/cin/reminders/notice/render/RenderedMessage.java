package cin.reminders.notice.render;

/**
 * A notice rendered for its channel: subject, HTML and plain text for email; the text of an SMS with the fragment
 * count Notify will charge; or, for a letter, the subject (the letter's heading) and the letter's body, which goes
 * into the {@code ((body))} of the council's one Notify letter template (Notify prints the address itself).
 * <p>
 * {@link #toString()} names the channel only, never the content (names are personal data).
 *
 * @param letter the body of a letter, plain text starting with the greeting; null for email and SMS
 */
public record RenderedMessage(String subject, String html, String text, String sms, int smsFragments, boolean smsUnicode,
        String letter) {

    /** An email or an SMS: no letter body. */
    public RenderedMessage(String subject, String html, String text, String sms, int smsFragments, boolean smsUnicode) {
        this(subject, html, text, sms, smsFragments, smsUnicode, null);
    }

    /** A letter: its heading ({@code ((subject))}) and its body ({@code ((body))}). */
    public static RenderedMessage letter(String subject, String letter) {
        return new RenderedMessage(subject, null, null, null, 0, false, letter);
    }

    @Override
    public String toString() {
        String kind = sms != null ? "sms, " + smsFragments + " fragment(s)" : letter != null ? "letter" : "email";
        return "RenderedMessage[" + kind + "]";
    }
}
