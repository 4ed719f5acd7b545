package cin.reminders.notice.render;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.MeetingKind;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.RecordKind;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.FailureReason;
import cin.reminders.domain.notice.NoticeTemplate;

/**
 * The words and formats that go into a {@link MessageModel}, in the recipient's language (English or Welsh).
 * <p>
 * Dates and times are worded by hand rather than through {@code DateTimeFormatter} and the JDK's locale data,
 * so that the output is the same on every JVM and in a native image: English follows the GOV.UK style
 * ("Monday 2 March 2026", "10:30am", "2pm", "midday"); Welsh uses the same order ("Dydd Llun 2 Mawrth 2026")
 * and "yb" (y bore), "yp" (y prynhawn) and "yh" (yr hwyr) for times ("10:30yb", "2yp", "7yh", "canol dydd").
 * <p>
 * Welsh labels are written so that templates can use them without a mutation: they start with the noun
 * ("cyfarfod adolygu", "cofnod adolygu") and templates never put a mutating preposition straight before them.
 */
public final class Wording {

    private static final Wording ENGLISH = new Wording(Language.EN);
    private static final Wording WELSH = new Wording(Language.CY);

    private static final String[] EN_DAYS = {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    private static final String[] CY_DAYS = {
        "Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau", "Dydd Gwener", "Dydd Sadwrn", "Dydd Sul"};
    private static final String[] EN_MONTHS = {
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December"};
    private static final String[] CY_MONTHS = {
        "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
        "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"};

    private final Language language;

    private Wording(Language language) {
        this.language = language;
    }

    public static Wording of(Language language) {
        return Objects.requireNonNull(language, "language") == Language.CY ? WELSH : ENGLISH;
    }

    public Language language() {
        return language;
    }

    private boolean welsh() {
        return language == Language.CY;
    }

    /** The word for a plan: "plan" / "cynllun". */
    public String plan() {
        return welsh() ? "cynllun" : "plan";
    }

    /** What a published record is called: "review record" / "cofnod adolygu". */
    public String record(RecordKind kind) {
        Objects.requireNonNull(kind, "kind");
        if (welsh()) {
            return switch (kind) {
                case REVIEW -> "cofnod adolygu";
                case PLANNING_MEETING -> "cofnod cyfarfod cynllunio";
                case CARE_TEAM_MEETING -> "cofnod cyfarfod tîm gofal";
            };
        }
        return switch (kind) {
            case REVIEW -> "review record";
            case PLANNING_MEETING -> "planning meeting record";
            case CARE_TEAM_MEETING -> "care team meeting record";
        };
    }

    /** What a meeting is called: "review meeting" / "cyfarfod adolygu". */
    public String meeting(MeetingKind kind) {
        Objects.requireNonNull(kind, "kind");
        if (welsh()) {
            return switch (kind) {
                case PLANNING -> "cyfarfod cynllunio";
                case REVIEW -> "cyfarfod adolygu";
                case CARE_TEAM -> "cyfarfod tîm gofal";
            };
        }
        return switch (kind) {
            case PLANNING -> "planning meeting";
            case REVIEW -> "review meeting";
            case CARE_TEAM -> "care team meeting";
        };
    }

    /** A short label for what must happen, starting with a capital (professionals' messages). */
    public String obligation(ObligationKind kind) {
        Objects.requireNonNull(kind, "kind");
        if (!welsh()) {
            return kind.label();
        }
        return switch (kind) {
            case INITIAL_PLAN -> "Cynllun cychwynnol";
            case PLANNING_MEETING -> "Cyfarfod cynllunio";
            case PLAN_COMPLETION -> "Cwblhau'r cynllun ar gofnod yr achos";
            case PLAN_DISTRIBUTION -> "Anfon copïau o'r cynllun";
            case OUTLINE_PLAN_DISTRIBUTION -> "Anfon y cynllun amlinellol";
            case MEETING_RECORD_DISTRIBUTION -> "Anfon cofnod y cyfarfod";
            case CARE_TEAM_MEETING -> "Cyfarfod y tîm gofal";
            case HOME_VISIT -> "Ymweliad cartref";
            case SEE_CHILD_ALONE -> "Gweld y plentyn ar ei ben ei hun";
            case PLAN_REVIEW -> "Adolygu'r cynllun";
            case FORMAL_REVIEW -> "Adolygiad ffurfiol";
            case REVIEW_RECORD_DISTRIBUTION -> "Anfon cofnod yr adolygiad";
            case LEGAL_ADVICE -> "Cynnig cyngor cyfreithiol";
            case CLOSURE_NOTIFICATION -> "Anfon hysbysiadau cau";
            case TEAM_TRANSFER -> "Penderfynu ar drosglwyddo i dîm arall";
        };
    }

    /** A participant's role in plain words: "parent", "social worker" / "rhiant", "gweithiwr cymdeithasol". */
    public String role(Role role) {
        Objects.requireNonNull(role, "role");
        if (welsh()) {
            return switch (role) {
                case PARENT -> "rhiant";
                case CARER -> "gofalwr";
                case CHILD -> "plentyn";
                case AGENCY -> "asiantaeth";
                case LEAD_PROFESSIONAL -> "gweithiwr cymdeithasol";
                case TEAM_MANAGER -> "rheolwr tîm";
            };
        }
        return switch (role) {
            case PARENT -> "parent";
            case CARER -> "carer";
            case CHILD -> "child";
            case AGENCY -> "agency";
            case LEAD_PROFESSIONAL -> "social worker";
            case TEAM_MANAGER -> "team manager";
        };
    }

    /** "Monday 2 March 2026" / "Dydd Llun 2 Mawrth 2026". */
    public String date(LocalDate date) {
        Objects.requireNonNull(date, "date");
        DayOfWeek day = date.getDayOfWeek();
        int month = date.getMonthValue() - 1;
        return (welsh() ? CY_DAYS : EN_DAYS)[day.getValue() - 1] + " " + date.getDayOfMonth() + " "
                + (welsh() ? CY_MONTHS : EN_MONTHS)[month] + " " + date.getYear();
    }

    /**
     * "10:30am", "2pm", "midday", "midnight" / "10:30yb", "2yp", "7yh", "canol dydd", "canol nos".
     * Seconds are ignored.
     */
    public String time(LocalTime time) {
        Objects.requireNonNull(time, "time");
        int hour = time.getHour();
        int minute = time.getMinute();
        if (minute == 0 && hour == 12) {
            return welsh() ? "canol dydd" : "midday";
        }
        if (minute == 0 && hour == 0) {
            return welsh() ? "canol nos" : "midnight";
        }
        int clock = hour % 12 == 0 ? 12 : hour % 12;
        String digits = minute == 0 ? Integer.toString(clock) : clock + ":" + (minute < 10 ? "0" : "") + minute;
        String suffix;
        if (welsh()) {
            suffix = hour < 12 ? "yb" : hour < 18 ? "yp" : "yh";
        } else {
            suffix = hour < 12 ? "am" : "pm";
        }
        return digits + suffix;
    }

    /**
     * Why a message could not be sent, as a clause that follows "because" / "oherwydd". Null (a stored
     * code this version does not know) gets a general phrase.
     */
    public String failure(FailureReason reason) {
        if (reason == null) {
            return welsh() ? "bod problem wrth anfon y neges" : "something went wrong when sending the message";
        }
        if (welsh()) {
            return switch (reason) {
                case NO_CONTACT -> "nad oes cyfeiriad e-bost na rhif ffôn symudol ar gofnod ar eu cyfer";
                case INVALID_MOBILE -> "nad yw eu rhif ffôn symudol yn rhif ffôn symudol dilys yn y DU";
                case REJECTED -> "bod y darparwr wedi gwrthod y neges";
                case UNDELIVERABLE -> "nad oedd modd i'r neges eu cyrraedd";
                case GAVE_UP -> "bod yr anfon wedi methu dro ar ôl tro";
                case INVALID_ADDRESS -> "nad yw'r cyfeiriad post ar gofnod yn gyfeiriad y gall y post ei ddefnyddio";
                case TOO_LATE_FOR_POST -> "mai dim ond drwy'r post y gallwn eu cyrraedd, ac ni fyddai llythyr yn cyrraedd cyn y cyfarfod";
                case RETURNED -> "bod y llythyr wedi dod yn ôl heb ei ddosbarthu";
            };
        }
        return switch (reason) {
            case NO_CONTACT -> "there is no email address or mobile number on record for them";
            case INVALID_MOBILE -> "their mobile number is not a valid UK mobile number";
            case REJECTED -> "the message was rejected by the provider";
            case UNDELIVERABLE -> "the message could not be delivered";
            case GAVE_UP -> "sending kept failing, so we stopped trying";
            case INVALID_ADDRESS -> "the postal address on record is not one the post can use";
            case TOO_LATE_FOR_POST -> "only post can reach them, and a letter would not arrive before the meeting";
            case RETURNED -> "the letter came back undelivered";
        };
    }

    /** The closing line of every family message: who to contact with questions or to disagree. */
    public String questionsLine() {
        return welsh()
                ? "Os oes gennych chi unrhyw gwestiynau, neu os nad ydych chi'n cytuno â rhywbeth, "
                        + "cysylltwch â'ch gweithiwr cymdeithasol."
                : "If you have any questions, or do not agree with something, please contact your social worker.";
    }

    /** What a notice is, for a contact-failed message: "plan copy" / "copi o'r cynllun". */
    public String failedWhat(NoticeTemplate template) {
        Objects.requireNonNull(template, "template");
        if (welsh()) {
            return switch (template) {
                case PLAN_COPY -> "copi o'r cynllun";
                case RECORD_COPY -> "copi o'r cofnod";
                case MEETING_INVITATION -> "gwahoddiad i gyfarfod";
                case MEETING_REMINDER -> "nodyn atgoffa am gyfarfod";
                case CLOSURE_NOTICE -> "hysbysiad cau";
                case OBLIGATION_REMINDER -> "nodyn atgoffa am dasg";
                case OBLIGATION_OVERDUE -> "hysbysiad bod tasg yn hwyr";
                case POLICY_BREACH -> "hysbysiad am ddyddiad hwyrach na'r uchafswm";
                case CONTACT_FAILED -> "hysbysiad methu cysylltu";
                case SCHOOL_HOURS_WARNING -> "rhybudd oriau ysgol";
                case DUE_DATE_CHANGED -> "hysbysiad bod dyddiad dyledus wedi newid";
                case DAILY_DIGEST -> "crynodeb dyddiol";
            };
        }
        return switch (template) {
            case PLAN_COPY -> "plan copy";
            case RECORD_COPY -> "meeting record copy";
            case MEETING_INVITATION -> "meeting invitation";
            case MEETING_REMINDER -> "meeting reminder";
            case CLOSURE_NOTICE -> "closure notice";
            case OBLIGATION_REMINDER -> "due-date reminder";
            case OBLIGATION_OVERDUE -> "overdue notice";
            case POLICY_BREACH -> "policy breach notice";
            case CONTACT_FAILED -> "contact failure notice";
            case SCHOOL_HOURS_WARNING -> "school hours warning";
            case DUE_DATE_CHANGED -> "due date change notice";
            case DAILY_DIGEST -> "daily digest";
        };
    }
}
