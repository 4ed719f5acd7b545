package cin.reminders.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.MeetingKind;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.RecordKind;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.FailureReason;
import cin.reminders.domain.notice.NoticeTemplate;
import cin.reminders.domain.notice.SmsLength;
import cin.reminders.notice.render.DigestLines;
import cin.reminders.notice.render.MessageModel;
import cin.reminders.notice.render.NoticeRenderer;
import cin.reminders.notice.render.RenderedMessage;
import cin.reminders.notice.render.Wording;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The notice templates: every template renders in English and Welsh, by email and SMS, from a full and a minimal
 * model; family messages use plain words; confidential venues never show; every SMS fits Notify's limit.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class NoticeTemplatesTest {

    static final String CASE_ID = "DERBY-2026-0042";
    static final String COUNCIL = "Derbyshire County Council";
    static final String SECRET_VENUE = "Flat 2, 14 Larkspur Road, Derby DE1 1AA";
    static final String HOSTILE = "<script>alert(1)</script> & \"quotes\"";

    /** Words a family message must never use (checked as whole words, any case). */
    static final List<String> JARGON = List.of(
            "obligation", "obligations", "CIN", "child in need", "section 17", "section 47", "s17", "s47", "LAC",
            "looked after", "statutory", "case id", "case reference", "case", "lead professional", "distribution",
            "escalation", "escalated", "policy", "null",
            // Welsh equivalents
            "rhwymedigaeth", "statudol", "plentyn mewn angen", "adran 17", "adran 47", "achos", "polisi",
            "gweithiwr proffesiynol arweiniol", "dosbarthu", "uwchgyfeirio");

    @Inject
    NoticeRenderer renderer;

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void noTemplateFileIsMissing() {
        assertEquals(List.of(), renderer.missingTemplates());
    }

    @Test
    void everyTemplateRendersFromAFullModelInBothLanguagesAndChannels() {
        for (NoticeTemplate template : NoticeTemplate.values()) {
            for (Language language : Language.values()) {
                for (boolean child : new boolean[] {false, true}) {
                    Model model = full(template, language);
                    model.recipientIsChild = child && template.isFamilyNotice();
                    checkWellFormed(template, language, model);
                }
            }
        }
    }

    @Test
    void everyTemplateRendersFromAMinimalModelInBothLanguagesAndChannels() {
        for (NoticeTemplate template : NoticeTemplate.values()) {
            for (Language language : Language.values()) {
                checkWellFormed(template, language, minimal(template, language));
                Model child = minimal(template, language);
                child.recipientIsChild = template.isFamilyNotice();
                checkWellFormed(template, language, child);
            }
        }
    }

    @Test
    void everyOptionalBranchRendersWithoutNull() {
        List<Consumer<Model>> variations = List.of(
                m -> m.amended = false,
                m -> m.amended = true,
                m -> m.childName = null,
                m -> m.documentUrl = null,
                m -> m.venue = null,
                m -> m.venueConfidential = true,
                m -> m.recipientName = null,
                m -> m.ruleReference = null,
                m -> m.workingDaysLeft = 0,
                m -> m.workingDaysLeft = 1,
                m -> m.workingDaysLeft = 2,
                m -> m.daysOverdue = 1L,
                m -> m.daysOverdue = 2L,
                m -> m.daysOverdue = 12L);
        for (NoticeTemplate template : NoticeTemplate.values()) {
            for (Language language : Language.values()) {
                for (Consumer<Model> variation : variations) {
                    for (boolean child : new boolean[] {false, true}) {
                        Model model = full(template, language);
                        model.recipientIsChild = child && template.isFamilyNotice();
                        variation.accept(model);
                        checkWellFormed(template, language, model);
                    }
                }
            }
        }
    }

    @Test
    void reminderWordsTheThreeCasesOfWorkingDaysLeft() {
        Model model = full(NoticeTemplate.OBLIGATION_REMINDER, Language.EN);
        model.workingDaysLeft = 0;
        assertTrue(email(model).subject().startsWith("Due today: Plan review"));
        model.workingDaysLeft = 1;
        assertTrue(email(model).subject().startsWith("Due on the next working day: Plan review"));
        model.workingDaysLeft = 5;
        RenderedMessage five = email(model);
        assertTrue(five.subject().startsWith("Due in 5 working days: Plan review"));
        assertTrue(five.text().contains("due in 5 working days"));
        assertTrue(sms(model).sms().contains("due in 5 working days"));

        Model welsh = full(NoticeTemplate.OBLIGATION_REMINDER, Language.CY);
        welsh.workingDaysLeft = 0;
        assertTrue(email(welsh).subject().startsWith("Yn ddyledus heddiw:"));
        welsh.workingDaysLeft = 2;
        assertTrue(email(welsh).subject().startsWith("Yn ddyledus ymhen 2 ddiwrnod gwaith:"));
        welsh.workingDaysLeft = 5;
        assertTrue(email(welsh).subject().startsWith("Yn ddyledus ymhen 5 diwrnod gwaith:"));
    }

    @Test
    void htmlEscapesValuesAndPlainTextKeepsThem() {
        for (NoticeTemplate template : NoticeTemplate.values()) {
            for (Language language : Language.values()) {
                Model model = full(template, language);
                model.recipientName = HOSTILE;
                model.childName = HOSTILE;
                model.failedRecipientName = HOSTILE;
                model.venue = HOSTILE;
                model.councilName = HOSTILE; // in every part, as family SMS name no one
                RenderedMessage email = email(model);
                assertFalse(email.html().contains("<script>"), () -> template.id() + " " + language + " html");
                assertTrue(email.html().contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"),
                        () -> template.id() + " " + language + " html escapes the name");
                assertTrue(email.text().contains(HOSTILE), () -> template.id() + " " + language + " text");
                assertTrue(sms(model).sms().contains(HOSTILE), () -> template.id() + " " + language + " sms");
            }
        }
    }

    @Test
    void familyMessagesUsePlainWordsAndNeverTheCaseId() {
        for (NoticeTemplate template : NoticeTemplate.values()) {
            if (!template.isFamilyNotice()) {
                continue;
            }
            for (Language language : Language.values()) {
                for (boolean child : new boolean[] {false, true}) {
                    for (boolean named : new boolean[] {false, true}) {
                        Model model = full(template, language);
                        model.recipientIsChild = child;
                        model.childName = named ? "Mo Taylor" : null;
                        for (String part : parts(model)) {
                            assertFalse(part.contains(CASE_ID), () -> template.id() + " " + language + " shows the case id");
                            for (String word : JARGON) {
                                Pattern pattern = Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(word) + "(?![\\p{L}\\d])",
                                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                                assertFalse(pattern.matcher(part).find(),
                                        () -> template.id() + " " + language + " uses \"" + word + "\":\n" + part);
                            }
                            assertTrue(part.contains(language == Language.CY ? "gweithiwr cymdeithasol" : "social worker")
                                    || part.equals(email(model).subject()), () -> template.id() + " names the social worker");
                        }
                        RenderedMessage email = email(model);
                        assertTrue(email.text().contains(Wording.of(language).questionsLine()),
                                () -> template.id() + " " + language + " says how to ask or disagree");
                        assertTrue(sms(model).sms().contains(Wording.of(language).questionsLine()));
                    }
                }
            }
        }
    }

    @Test
    void childRecipientsAreSpokenToDirectly() {
        Model model = full(NoticeTemplate.PLAN_COPY, Language.EN);
        model.recipientIsChild = true;
        model.amended = false;
        RenderedMessage email = email(model);
        assertEquals("A copy of your plan", email.subject());
        assertTrue(email.text().contains("Read your plan"));
        assertFalse(email.text().contains("Mo Taylor"));

        model.recipientIsChild = false;
        assertEquals("A copy of the plan", email(model).subject());
        model.childName = null;
        assertEquals("A copy of the plan for your family", email(model).subject());
        model.amended = true;
        assertEquals("The updated plan for your family", email(model).subject());

        Model meeting = full(NoticeTemplate.MEETING_INVITATION, Language.EN);
        meeting.recipientIsChild = true;
        assertTrue(email(meeting).text().contains("the review meeting about you"));
    }

    /**
     * Subjects show on lock screens and in notification previews, and an SMS is all preview: no subject names the
     * child or the recipient, and no SMS to a family or an agency does. Names stay in the email body.
     */
    @Test
    void noSubjectAndNoFamilySmsNamesTheChildOrTheRecipient() {
        String child = "Zephyrine Quillfeather";
        String recipient = "Ottoline Marchbanks";
        String failedRecipient = "Peregrine Scarborough";
        List<String> words = List.of("Zephyrine", "Quillfeather", "Ottoline", "Marchbanks", "Peregrine", "Scarborough");
        int checked = 0;
        for (NoticeTemplate template : NoticeTemplate.values()) {
            for (Language language : Language.values()) {
                for (boolean recipientIsChild : new boolean[] {false, true}) {
                    for (boolean amended : new boolean[] {false, true}) {
                        for (boolean link : new boolean[] {false, true}) {
                            for (boolean confidential : new boolean[] {false, true}) {
                                Model model = full(template, language);
                                model.childName = child;
                                model.recipientName = recipient;
                                model.failedRecipientName = failedRecipient;
                                model.recipientIsChild = recipientIsChild && template.isFamilyNotice();
                                model.amended = amended;
                                model.documentUrl = link ? model.documentUrl : null;
                                model.venueConfidential = confidential;
                                String what = template.id() + " " + language.code() + " child=" + model.recipientIsChild
                                        + " amended=" + amended + " link=" + link + " confidential=" + confidential;
                                RenderedMessage email = email(model);
                                for (String word : words) {
                                    assertFalse(email.subject().contains(word),
                                            () -> what + ": the subject names " + word + ": " + email.subject());
                                }
                                assertTrue(email.text().contains(recipient), () -> what + ": the body greets the recipient");
                                if (template.isFamilyNotice()) {
                                    String sms = sms(model).sms();
                                    for (String word : words) {
                                        assertFalse(sms.contains(word), () -> what + ": the SMS names " + word + ":\n" + sms);
                                    }
                                    if (!model.recipientIsChild) {
                                        assertTrue(email.text().contains(child), () -> what + ": the body names the child");
                                    }
                                }
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertEquals(NoticeTemplate.values().length * 2 * 16, checked);
    }

    @Test
    void professionalMessagesShowTheCaseId() {
        for (NoticeTemplate template : NoticeTemplate.values()) {
            if (template.isFamilyNotice() || template.isPersonal()) {
                continue; // a digest is about many cases: each of its lines names its case (dailyDigestListsEachLine)
            }
            for (Language language : Language.values()) {
                for (Model model : List.of(full(template, language), minimal(template, language))) {
                    RenderedMessage email = email(model);
                    assertTrue(email.subject().contains(CASE_ID), () -> template.id() + " " + language + " subject");
                    assertTrue(email.html().contains(CASE_ID), () -> template.id() + " " + language + " html");
                    assertTrue(email.text().contains(CASE_ID), () -> template.id() + " " + language + " text");
                    assertTrue(sms(model).sms().contains(CASE_ID), () -> template.id() + " " + language + " sms");
                }
            }
        }
        RenderedMessage overdue = email(full(NoticeTemplate.OBLIGATION_OVERDUE, Language.EN));
        assertTrue(overdue.text().contains("overdue by 3 days"));
        assertTrue(overdue.text().contains("team manager"));
        RenderedMessage breach = email(full(NoticeTemplate.POLICY_BREACH, Language.EN));
        assertTrue(breach.text().contains("Friday 17 April 2026"));
        assertTrue(breach.text().contains("Monday 13 April 2026"));
        assertTrue(breach.text().contains("The statutory maximum stands"));
        RenderedMessage failed = email(full(NoticeTemplate.CONTACT_FAILED, Language.EN));
        assertTrue(failed.text().contains("We could not send the plan copy to Alex Taylor (parent) because there is "
                + "no email address or mobile number on record for them."));
        RenderedMessage school = email(full(NoticeTemplate.SCHOOL_HOURS_WARNING, Language.EN));
        assertTrue(school.text().contains("The review meeting on Monday 2 March 2026 at 10:30am is during school hours"));
    }

    @Test
    void aConfidentialVenueNeverAppears() {
        for (NoticeTemplate template : NoticeTemplate.values()) {
            for (Language language : Language.values()) {
                for (boolean child : new boolean[] {false, true}) {
                    Model model = full(template, language);
                    model.recipientIsChild = child && template.isFamilyNotice();
                    model.venue = SECRET_VENUE;
                    model.venueConfidential = true;
                    for (String part : parts(model)) {
                        assertFalse(part.contains("Larkspur"), () -> template.id() + " " + language + " shows the venue");
                    }
                    if (template == NoticeTemplate.MEETING_INVITATION || template == NoticeTemplate.MEETING_REMINDER) {
                        String privatePlace = language == Language.CY
                                ? "Mae'r cyfeiriad yn cael ei gadw'n breifat. Bydd eich gweithiwr cymdeithasol yn dweud wrthych chi ble i fynd."
                                : "The address is kept private. Your social worker will tell you where to go.";
                        RenderedMessage email = email(model);
                        assertTrue(email.text().contains(privatePlace), () -> template.id() + " " + language + " text");
                        assertTrue(email.html().contains(privatePlace), () -> template.id() + " " + language + " html");
                        assertTrue(sms(model).sms().contains(privatePlace), () -> template.id() + " " + language + " sms");
                    }
                }
            }
        }
        Model open = full(NoticeTemplate.MEETING_INVITATION, Language.EN);
        assertTrue(email(open).text().contains("Room 4, Chesterfield Family Centre"));
        assertTrue(sms(open).sms().contains("Room 4, Chesterfield Family Centre"));
    }

    @Test
    void welshDiffersFromEnglishAndReadsAsWelsh() {
        for (NoticeTemplate template : NoticeTemplate.values()) {
            Model en = full(template, Language.EN);
            Model cy = full(template, Language.CY);
            List<String> english = parts(en);
            List<String> welsh = parts(cy);
            for (int i = 0; i < english.size(); i++) {
                assertNotEquals(english.get(i), welsh.get(i), template.id() + " part " + i);
            }
            RenderedMessage email = email(cy);
            assertTrue(email.html().contains("<html lang=\"cy\">"), template.id());
            assertTrue(email.text().startsWith("Annwyl "), template.id());
            String all = String.join("\n", welsh);
            switch (template) {
                case PLAN_COPY -> assertTrue(all.contains("cynllun") && all.contains("gweithiwr cymdeithasol"));
                case RECORD_COPY -> assertTrue(all.contains("cofnod") && all.contains("cyfarfod"));
                case MEETING_INVITATION -> assertTrue(all.contains("cyfarfod") && all.contains("Gwahoddiad")
                        && all.contains("Dyddiad: Dydd Llun 2 Mawrth 2026") && all.contains("10:30yb"));
                case MEETING_REMINDER -> assertTrue(all.contains("cyfarfod") && all.contains("Nodyn atgoffa"));
                case CLOSURE_NOTICE -> assertTrue(all.contains("wedi dod i ben") && all.contains("cwyn"));
                case OBLIGATION_REMINDER -> assertTrue(all.contains("yn ddyledus") && all.contains("achos"));
                case OBLIGATION_OVERDUE -> assertTrue(all.contains("yn hwyr") && all.contains("rheolwr y tîm"));
                case POLICY_BREACH -> assertTrue(all.contains("uchafswm statudol"));
                case CONTACT_FAILED -> assertTrue(all.contains("oherwydd") && all.contains("manylion cyswllt"));
                case SCHOOL_HOURS_WARNING -> assertTrue(all.contains("oriau ysgol") && all.contains("cyfarfod"));
                case DUE_DATE_CHANGED -> assertTrue(all.contains("wedi symud") && all.contains("Dyddiad dyledus blaenorol"));
                case DAILY_DIGEST -> assertTrue(all.contains("crynodeb dyddiol") && all.contains("Cyfeirnod yr achos"));
            }
            assertEquals(en.councilName, cy.councilName);
        }
    }

    @Test
    void everyMessageEndsWithTheCouncilName() {
        for (NoticeTemplate template : NoticeTemplate.values()) {
            for (Language language : Language.values()) {
                Model model = full(template, language);
                RenderedMessage email = email(model);
                assertTrue(email.text().strip().endsWith(COUNCIL), template.id() + " " + language + " text");
                assertTrue(email.html().contains(COUNCIL + "</p>\n</div>"), template.id() + " " + language + " html");
                assertTrue(sms(model).sms().endsWith(COUNCIL), template.id() + " " + language + " sms");
            }
        }
    }

    @Test
    void everySmsFitsWithWorstCaseValues() {
        for (NoticeTemplate template : NoticeTemplate.values()) {
            for (Language language : Language.values()) {
                for (boolean child : new boolean[] {false, true}) {
                    for (boolean confidential : new boolean[] {false, true}) {
                        Model model = longest(template, language);
                        model.recipientIsChild = child && template.isFamilyNotice();
                        model.venueConfidential = confidential;
                        if (confidential) {
                            model.venue = null;
                        }
                        RenderedMessage sms = sms(model);
                        SmsLength length = SmsLength.of(sms.sms());
                        assertTrue(length.fits(), () -> template.id() + " " + language + " is " + length.characters());
                        assertEquals(length.fragments(), sms.smsFragments());
                        assertEquals(length.unicode(), sms.smsUnicode());
                    }
                }
            }
        }
    }

    @Test
    void anEnglishPlanCopySmsIsAtMostTwoFragments() {
        for (boolean child : new boolean[] {false, true}) {
            for (boolean amended : new boolean[] {false, true}) {
                for (String childName : new String[] {"Mo Taylor", null}) {
                    Model model = full(NoticeTemplate.PLAN_COPY, Language.EN);
                    model.recipientIsChild = child;
                    model.amended = amended;
                    model.childName = childName;
                    RenderedMessage sms = sms(model);
                    assertFalse(sms.smsUnicode(), sms.sms());
                    assertTrue(sms.smsFragments() <= 2, () -> sms.smsFragments() + " fragments:\n" + sms.sms());
                }
            }
        }
    }

    @Test
    void welshSmsIsUnicode() {
        RenderedMessage sms = sms(full(NoticeTemplate.MEETING_INVITATION, Language.CY));
        assertTrue(sms.sms().contains("â"));
        assertTrue(sms.smsUnicode());
        assertTrue(SmsLength.of(sms.sms()).unicode());
        assertTrue(SmsLength.of("Dŵr a thân").unicode());
        assertFalse(SmsLength.of("Dwr a than").unicode());
    }

    @Test
    void anSmsOverTheLimitFailsWithoutShowingValues() {
        Model model = full(NoticeTemplate.PLAN_COPY, Language.EN);
        model.recipientName = "Secretname".repeat(100);
        model.documentUrl = "https://plans.derbyshire.gov.uk/d/" + "Secretname".repeat(100); // family SMS name no one
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sms(model));
        assertTrue(e.getMessage().contains("plan-copy"), e.getMessage());
        assertFalse(e.getMessage().contains("Secretname"), e.getMessage());
    }

    @Test
    void emailHasNoSmsAndSmsHasNoEmail() {
        Model model = full(NoticeTemplate.PLAN_COPY, Language.EN);
        RenderedMessage email = email(model);
        assertNull(email.sms());
        assertNotNull(email.subject());
        RenderedMessage sms = sms(model);
        assertNull(sms.subject());
        assertNull(sms.html());
        assertNull(sms.text());
        assertTrue(email.html().contains("<a href=\"https://plans.derbyshire.gov.uk/d/7f3a9c21\""));
        assertTrue(email.html().contains(">Read Mo Taylor&#39;s plan</a>")
                || email.html().contains(">Read Mo Taylor's plan</a>"), email.html());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void checkWellFormed(NoticeTemplate template, Language language, Model model) {
        String what = template.id() + " " + language.code();
        RenderedMessage email = email(model);
        RenderedMessage sms = sms(model);
        assertFalse(email.subject().isBlank(), what);
        assertFalse(email.subject().contains("\n"), what);
        assertTrue(email.html().startsWith("<!DOCTYPE html>"), what);
        assertTrue(email.html().contains("<html lang=\"" + language.code() + "\">"), what);
        assertTrue(email.html().contains("<h1"), what);
        assertTrue(email.html().strip().endsWith("</html>"), what);
        assertFalse(email.text().contains("<p"), what);
        for (String part : List.of(email.subject(), email.html(), email.text(), sms.sms())) {
            assertFalse(Pattern.compile("\\bnull\\b").matcher(part).find(), () -> what + " prints null:\n" + part);
            assertFalse(part.contains("{") || part.contains("}"), () -> what + " has a brace:\n" + part);
            assertFalse(part.contains("()"), () -> what + " has empty brackets:\n" + part);
            assertFalse(part.contains("  ") && !part.equals(email.html()), () -> what + " has a double space:\n" + part);
            assertFalse(part.contains(" ."), () -> what + " has a space before a full stop:\n" + part);
            assertFalse(part.contains(" ,"), () -> what + " has a space before a comma:\n" + part);
        }
        assertTrue(email.html().contains(COUNCIL), what);
        assertTrue(email.text().strip().endsWith(COUNCIL), what);
        assertTrue(sms.sms().endsWith(COUNCIL), what);
        assertTrue(SmsLength.of(sms.sms()).fits(), what);
        if (model.documentUrl != null && (template == NoticeTemplate.PLAN_COPY || template == NoticeTemplate.RECORD_COPY)) {
            assertTrue(email.html().contains("<a href=\"" + model.documentUrl + "\""), what);
            assertTrue(email.text().contains(model.documentUrl), what);
            assertTrue(sms.sms().contains(model.documentUrl), what);
        }
    }

    private List<String> parts(Model model) {
        RenderedMessage email = email(model);
        return List.of(email.subject(), email.html(), email.text(), sms(model).sms());
    }

    private RenderedMessage email(Model model) {
        return renderer.render(model.build(), Channel.EMAIL);
    }

    private RenderedMessage sms(Model model) {
        return renderer.render(model.build(), Channel.SMS);
    }

    /** Every field set, in the language's words. */
    static Model full(NoticeTemplate template, Language language) {
        Wording w = Wording.of(language);
        Model m = new Model(template, language);
        m.recipientName = "Sam Taylor";
        m.councilName = COUNCIL;
        m.caseId = CASE_ID;
        m.childName = "Mo Taylor";
        m.digest = digest(w, 2, 3);
        m.documentLabel = template == NoticeTemplate.RECORD_COPY ? w.record(RecordKind.REVIEW) : w.plan();
        m.documentUrl = "https://plans.derbyshire.gov.uk/d/7f3a9c21";
        m.amended = true;
        m.meetingLabel = w.meeting(MeetingKind.REVIEW);
        m.meetingDate = w.date(LocalDate.of(2026, 3, 2));
        m.meetingTime = w.time(LocalTime.of(10, 30));
        m.venue = "Room 4, Chesterfield Family Centre";
        m.obligationLabel = w.obligation(ObligationKind.PLAN_REVIEW);
        m.dueDate = w.date(LocalDate.of(2026, 4, 13));
        m.agreedDate = w.date(LocalDate.of(2026, 4, 17));
        m.previousDueDate = w.date(LocalDate.of(2026, 4, 14));
        m.workingDaysLeft = 5;
        m.daysOverdue = 3L;
        m.ruleReference = "D1";
        m.failedWhat = w.failedWhat(NoticeTemplate.PLAN_COPY);
        m.failedRecipientName = "Alex Taylor";
        m.failedRecipientRole = w.role(Role.PARENT);
        m.failedReason = w.failure(FailureReason.NO_CONTACT);
        m.closedOn = w.date(LocalDate.of(2026, 3, 2));
        m.questionsLine = w.questionsLine();
        return m;
    }

    /**
     * Only the fields a template needs: the recipient's name, the council, the closing line for families, and
     * what the message is about (the record's name; the meeting's name, date and time; the closing date; the case,
     * what is due and when; who could not be reached and why).
     */
    static Model minimal(NoticeTemplate template, Language language) {
        Wording w = Wording.of(language);
        Model m = new Model(template, language);
        m.recipientName = "Sam Taylor";
        m.councilName = COUNCIL;
        if (template.isFamilyNotice()) {
            m.questionsLine = w.questionsLine();
        } else {
            m.caseId = CASE_ID;
        }
        switch (template) {
            case PLAN_COPY -> m.documentLabel = w.plan();
            case RECORD_COPY -> m.documentLabel = w.record(RecordKind.PLANNING_MEETING);
            case MEETING_INVITATION, MEETING_REMINDER, SCHOOL_HOURS_WARNING -> {
                m.meetingLabel = w.meeting(MeetingKind.PLANNING);
                m.meetingDate = w.date(LocalDate.of(2026, 3, 2));
                m.meetingTime = w.time(LocalTime.of(14, 0));
            }
            case CLOSURE_NOTICE -> m.closedOn = w.date(LocalDate.of(2026, 3, 2));
            case OBLIGATION_REMINDER -> {
                m.obligationLabel = w.obligation(ObligationKind.HOME_VISIT);
                m.dueDate = w.date(LocalDate.of(2026, 3, 9));
                m.workingDaysLeft = 5;
            }
            case OBLIGATION_OVERDUE -> {
                m.obligationLabel = w.obligation(ObligationKind.HOME_VISIT);
                m.dueDate = w.date(LocalDate.of(2026, 3, 9));
                m.daysOverdue = 1L;
            }
            case POLICY_BREACH -> {
                m.obligationLabel = w.obligation(ObligationKind.PLAN_REVIEW);
                m.dueDate = w.date(LocalDate.of(2026, 4, 13));
                m.agreedDate = w.date(LocalDate.of(2026, 4, 17));
            }
            case DUE_DATE_CHANGED -> {
                m.obligationLabel = w.obligation(ObligationKind.PLAN_REVIEW);
                m.dueDate = w.date(LocalDate.of(2026, 12, 23));
                m.previousDueDate = w.date(LocalDate.of(2026, 12, 24));
            }
            case DAILY_DIGEST -> m.digest = digest(w, 1, 0);
            case CONTACT_FAILED -> {
                m.failedWhat = w.failedWhat(NoticeTemplate.MEETING_INVITATION);
                m.failedRecipientName = "Alex Taylor";
                m.failedRecipientRole = w.role(Role.CARER);
                m.failedReason = w.failure(FailureReason.INVALID_MOBILE);
            }
        }
        return m;
    }

    @Test
    void dailyDigestListsEachLineWithItsCaseWhatIsDueTheDateAndTheRule() {
        for (Language language : Language.values()) {
            Model model = full(NoticeTemplate.DAILY_DIGEST, language);
            RenderedMessage email = email(model);
            for (DigestLines.Line line : model.digest.due().isEmpty() ? List.<DigestLines.Line>of() : model.digest.due()) {
                for (String part : List.of(email.html(), email.text())) {
                    assertTrue(part.contains(line.caseId()) && part.contains(line.what()) && part.contains(line.dueDate())
                            && part.contains(line.rule()), language + ": " + line);
                }
            }
            for (List<DigestLines.Line> lines : List.of(model.digest.overdue(), model.digest.team())) {
                for (DigestLines.Line line : lines) {
                    assertTrue(email.text().contains(line.caseId()) && email.html().contains(line.caseId()), language + ": " + line);
                }
            }
            // Six items: the subject counts them, and names no case and no child.
            assertTrue(email.subject().contains("6"), email.subject());
            assertFalse(email.subject().contains("CIN-") || email.subject().contains("Mo Taylor"), email.subject());
            assertFalse(email.html().contains("Mo Taylor") || email.text().contains("Mo Taylor"), "no child's name");
        }
        RenderedMessage en = email(full(NoticeTemplate.DAILY_DIGEST, Language.EN));
        assertTrue(en.text().contains("DUE FOR YOU TODAY") && en.text().contains("YOUR OVERDUE WORK")
                && en.text().contains("YOUR TEAM'S OVERDUE WORK"), en.text());
        assertTrue(en.text().contains("Was due Friday 20 February 2026 (10 days overdue)"), en.text());
        assertTrue(en.html().contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
                "readable on a phone: the layout scales to the screen and the lines are stacked, not a wide table");
        assertFalse(en.html().contains("<table"), "no wide table on a phone");
    }

    /** A digest of {@code due} rungs today and {@code overdue} overdue items of the professional's, and one of the team's. */
    static DigestLines digest(Wording w, int due, int overdue) {
        List<DigestLines.Line> today = new java.util.ArrayList<>();
        for (int i = 0; i < due; i++) {
            today.add(new DigestLines.Line("CIN-10" + i, w.obligation(ObligationKind.HOME_VISIT),
                    w.date(LocalDate.of(2026, 3, 9)), "D5", 0));
        }
        List<DigestLines.Line> late = new java.util.ArrayList<>();
        for (int i = 0; i < overdue; i++) {
            late.add(new DigestLines.Line("CIN-20" + i, w.obligation(ObligationKind.PLAN_REVIEW),
                    w.date(LocalDate.of(2026, 2, 20)), "D1", 10));
        }
        List<DigestLines.Line> team = overdue == 0 ? List.of() : List.of(new DigestLines.Line("CIN-300",
                w.obligation(ObligationKind.CARE_TEAM_MEETING), w.date(LocalDate.of(2026, 2, 27)), "D3", 3));
        return new DigestLines(w.date(LocalDate.of(2026, 3, 2)), today, late, team, 0);
    }

    /** The longest values we expect: 60-character names, a 200-character link and venue, the longest labels. */
    static Model longest(NoticeTemplate template, Language language) {
        Wording w = Wording.of(language);
        Model m = full(template, language);
        m.recipientName = "N".repeat(60);
        m.childName = "C".repeat(60);
        m.failedRecipientName = "F".repeat(60);
        m.councilName = "The Royal Borough of Windsor and Maidenhead Council of Berks";
        m.caseId = "CASE-" + "9".repeat(35);
        m.documentUrl = "https://" + "u".repeat(192);
        m.venue = "V".repeat(200);
        m.ruleReference = "P13";
        m.meetingLabel = longestOf(MeetingKind.values(), w::meeting);
        m.documentLabel = longestOf(RecordKind.values(), w::record);
        m.obligationLabel = longestOf(ObligationKind.values(), w::obligation);
        m.failedWhat = longestOf(NoticeTemplate.values(), w::failedWhat);
        m.failedReason = longestOf(new FailureReason[] {FailureReason.NO_CONTACT, FailureReason.INVALID_MOBILE,
                FailureReason.REJECTED, FailureReason.UNDELIVERABLE, FailureReason.GAVE_UP, null}, w::failure);
        m.meetingDate = w.date(LocalDate.of(2026, 9, 30));
        m.meetingTime = w.time(LocalTime.of(10, 45));
        m.dueDate = w.date(LocalDate.of(2026, 9, 30));
        m.agreedDate = w.date(LocalDate.of(2026, 11, 25));
        m.previousDueDate = w.date(LocalDate.of(2026, 9, 30));
        m.closedOn = w.date(LocalDate.of(2026, 9, 30));
        m.workingDaysLeft = 15;
        m.daysOverdue = 365L;
        return m;
    }

    private static <T> String longestOf(T[] values, java.util.function.Function<T, String> word) {
        String longest = "";
        for (T value : values) {
            String text = word.apply(value);
            if (text.length() > longest.length()) {
                longest = text;
            }
        }
        return longest;
    }

    /** A mutable MessageModel for tests. */
    static final class Model {
        final NoticeTemplate template;
        final Language language;
        String recipientName;
        boolean recipientIsChild;
        String councilName;
        String caseId;
        String childName;
        String documentLabel;
        String documentUrl;
        boolean amended;
        String meetingLabel;
        String meetingDate;
        String meetingTime;
        String venue;
        boolean venueConfidential;
        String obligationLabel;
        String dueDate;
        String previousDueDate;
        String agreedDate;
        Integer workingDaysLeft;
        Long daysOverdue;
        String ruleReference;
        String failedWhat;
        String failedRecipientName;
        String failedRecipientRole;
        String failedReason;
        String closedOn;
        String questionsLine;
        DigestLines digest;

        Model(NoticeTemplate template, Language language) {
            this.template = template;
            this.language = language;
        }

        MessageModel build() {
            return new MessageModel(template.id(), language.code(), recipientName, recipientIsChild, councilName,
                    caseId, childName, documentLabel, documentUrl, amended, meetingLabel, meetingDate, meetingTime,
                    venue, venueConfidential, obligationLabel, dueDate, previousDueDate, agreedDate, workingDaysLeft, daysOverdue,
                    ruleReference, failedWhat, failedRecipientName, failedRecipientRole, failedReason, closedOn,
                    questionsLine, digest);
        }
    }
}
