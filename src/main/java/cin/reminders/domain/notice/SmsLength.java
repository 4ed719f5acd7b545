package cin.reminders.domain.notice;

/**
 * How GOV.UK Notify counts a text message: GSM 03.38 characters (160 for one fragment, 153 each
 * after), or UCS-2 when any character is outside GSM, as Welsh letters like ŵ and ŷ are (70, then
 * 67). Characters of the GSM extension table take two. Notify refuses more than 918 characters.
 */
public record SmsLength(int characters, boolean unicode, int fragments) {

    public static final int MAX_CHARACTERS = 918;
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    public static SmsLength of(String text) {
        int gsmUnits = 0;
        boolean unicode = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                gsmUnits++;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                gsmUnits += 2;
            } else {
                unicode = true;
            }
        }
        int length = unicode ? text.codePointCount(0, text.length()) : gsmUnits;
        int single = unicode ? 70 : 160;
        int multi = unicode ? 67 : 153;
        int fragments = length <= single ? 1 : (length + multi - 1) / multi;
        return new SmsLength(unicode ? length : text.length(), unicode, fragments);
    }

    public boolean fits() {
        return characters <= MAX_CHARACTERS;
    }
}
