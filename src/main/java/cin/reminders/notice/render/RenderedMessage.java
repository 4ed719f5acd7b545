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

    /** The bytes its text takes in the heap (staging's budget counts them). */
    public long textBytes() {
        return heapBytes(subject) + heapBytes(html) + heapBytes(text) + heapBytes(sms) + heapBytes(letter);
    }

    /**
     * A string's characters as the JVM holds them: a byte each while all are Latin-1 (compact strings), two each once
     * one is not (Welsh's ŵ and ŷ, a curly quote), so a Welsh email counts twice an English one of the same length.
     */
    static long heapBytes(String s) {
        if (s == null) {
            return 0;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return 2L * s.length();
            }
        }
        return s.length();
    }

    @Override
    public String toString() {
        String kind = sms != null ? "sms, " + smsFragments + " fragment(s)" : letter != null ? "letter" : "email";
        return "RenderedMessage[" + kind + "]";
    }
}
