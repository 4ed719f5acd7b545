package cin.reminders.notice.channel;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;

/**
 * UK mobile numbers, checked with libphonenumber before any text is sent. Ofcom's drama range
 * 07700 900000 to 900999 is accepted too although libphonenumber calls it unallocated: it is
 * reserved for fiction, and GOV.UK Notify uses it for its test numbers.
 */
public final class UkMobiles {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private UkMobiles() {
    }

    /** The number in E.164 ({@code +447700900123}), or empty if it is not a valid UK mobile. */
    public static Optional<String> normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber n = PHONES.parse(raw, "GB");
            String e164 = PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
            boolean mobile = PHONES.getNumberType(n) == PhoneNumberUtil.PhoneNumberType.MOBILE;
            if ((PHONES.isValidNumberForRegion(n, "GB") && mobile) || e164.matches("\\+447700900\\d{3}")) {
                return Optional.of(e164);
            }
        } catch (NumberParseException e) {
            // not a number at all
        }
        return Optional.empty();
    }
}
