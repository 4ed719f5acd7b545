package cin.reminders.notice;

import static cin.reminders.notice.NoticeTemplatesTest.COUNCIL;
import static cin.reminders.notice.NoticeTemplatesTest.HOSTILE;
import static cin.reminders.notice.NoticeTemplatesTest.JARGON;
import static cin.reminders.notice.NoticeTemplatesTest.SECRET_VENUE;
import static cin.reminders.notice.NoticeTemplatesTest.full;
import static cin.reminders.notice.NoticeTemplatesTest.minimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.notice.NoticeTemplate;
import cin.reminders.notice.NoticeTemplatesTest.Model;
import cin.reminders.notice.render.NoticeRenderer;
import cin.reminders.notice.render.RenderedMessage;
import cin.reminders.notice.render.Wording;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The letter forms (CONTRACT-2 §5): {@code plan-copy}, {@code record-copy}, {@code meeting-invitation} and
 * {@code closure-notice} render as letters in English and Welsh, with the emails' words; a document's link is
 * printed in a form a person can type, with how to ask for a printed copy; a confidential venue never shows; no
 * other template renders a letter.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class LetterTemplatesTest {

    static final String LINK = "https://plans.derbyshire.gov.uk/d/7f3a9c21"; // NoticeTemplatesTest.full's link
    static final String TYPEABLE = "plans.derbyshire.gov.uk/d/7f3a9c21";
    static final String EN_PRINTED_COPY = "If you would like a printed copy, please ask your social worker: phone or "
            + "write to them at " + COUNCIL + ", and they will post one to you.";
    static final String EN_NOT_RECEIVED = "If you have not received it, or would like a printed copy, please ask your "
            + "social worker: phone or write to them at " + COUNCIL + ", and they will post one to you.";
    static final String CY_PRINTED_COPY = "Os hoffech chi gopi papur, cysylltwch â'ch gweithiwr cymdeithasol dros y "
            + "ffôn neu drwy lythyr, a bydd yn anfon copi atoch chi drwy'r post.";
    static final String CY_NOT_RECEIVED = "Os nad ydych chi wedi cael copi, neu os hoffech chi gopi papur, cysylltwch "
            + "â'ch gweithiwr cymdeithasol dros y ffôn neu drwy lythyr, a bydd yn anfon copi atoch chi drwy'r post.";

    @Inject
    NoticeRenderer renderer;

    @Test
    void everyLetterTemplateRendersInBothLanguagesFromFullAndMinimalModels() {
        List<Consumer<Model>> variations = List.of(
                m -> { },
                m -> m.amended = false,
                m -> m.childName = null,
                m -> m.documentUrl = null,
                m -> m.venue = null,
                m -> {
                    m.venue = null;
                    m.venueConfidential = true;
                },
                m -> m.recipientName = null,
                m -> m.meetingDate = m.template == NoticeTemplate.RECORD_COPY ? null : m.meetingDate);
        int rendered = 0;
        for (NoticeTemplate template : letterTemplates()) {
            for (Language language : Language.values()) {
                for (boolean child : new boolean[] {false, true}) {
                    for (Consumer<Model> variation : variations) {
                        Model model = full(template, language);
                        model.recipientIsChild = child;
                        variation.accept(model);
                        checkWellFormed(model);
                        rendered++;
                    }
                    Model model = minimal(template, language);
                    model.recipientIsChild = child;
                    checkWellFormed(model);
                    rendered++;
                }
            }
        }
        assertEquals(4 * 2 * 2 * 9, rendered);
    }

    @Test
    void theLinkIsPrintedInATypeableFormWithHowToAskForAPrintedCopy() {
        for (NoticeTemplate template : List.of(NoticeTemplate.PLAN_COPY, NoticeTemplate.RECORD_COPY)) {
            for (Language language : Language.values()) {
                for (boolean child : new boolean[] {false, true}) {
                    for (String link : List.of(LINK, LINK + "/", "http://plans.derbyshire.gov.uk/d/7f3a9c21")) {
                        Model model = full(template, language);
                        model.recipientIsChild = child;
                        model.documentUrl = link;
                        String what = template.id() + " " + language.code() + " child=" + child + " " + link;
                        String letter = letter(model).letter();
                        assertTrue(letter.lines().anyMatch(TYPEABLE::equals), () -> what + ": the link on a line of its own:\n" + letter);
                        assertFalse(letter.contains("http"), () -> what + ": a scheme on paper:\n" + letter);
                        assertFalse(letter.contains("<") || letter.contains(">"), () -> what + ": angle brackets:\n" + letter);
                        assertTrue(letter.contains(language == Language.CY ? CY_PRINTED_COPY : EN_PRINTED_COPY),
                                () -> what + ": how to ask for a printed copy:\n" + letter);
                        assertTrue(letter.contains(language == Language.CY
                                        ? "ar-lein, teipiwch y cyfeiriad hwn mewn porwr gwe:"
                                        : "online, type this address into a web browser:"),
                                () -> what + ": how to use the link:\n" + letter);
                    }
                }
            }
        }
        Model plan = full(NoticeTemplate.PLAN_COPY, Language.EN);
        assertTrue(letter(plan).letter().contains("To read Mo Taylor's plan online, type this address into a web browser:\n\n"
                + TYPEABLE + "\n\n" + EN_PRINTED_COPY + "\n"), letter(plan).letter());
        Model record = full(NoticeTemplate.RECORD_COPY, Language.EN);
        assertTrue(letter(record).letter().contains("To read the review record online"), letter(record).letter());
    }

    @Test
    void withoutALinkTheLetterSaysHowToAskForAPrintedCopy() {
        for (NoticeTemplate template : List.of(NoticeTemplate.PLAN_COPY, NoticeTemplate.RECORD_COPY)) {
            for (Language language : Language.values()) {
                Model model = full(template, language);
                model.documentUrl = null;
                String letter = letter(model).letter();
                assertTrue(letter.contains(language == Language.CY ? CY_NOT_RECEIVED : EN_NOT_RECEIVED),
                        () -> template.id() + " " + language.code() + ":\n" + letter);
                assertFalse(letter.contains(language == Language.CY ? "porwr gwe" : "web browser"), letter);
            }
        }
    }

    @Test
    void aConfidentialVenueIsAbsentFromTheInvitationLetter() {
        for (Language language : Language.values()) {
            for (boolean child : new boolean[] {false, true}) {
                Model model = full(NoticeTemplate.MEETING_INVITATION, language);
                model.recipientIsChild = child;
                model.venue = SECRET_VENUE; // as if the model builder had not taken it out: the flag alone keeps it off
                model.venueConfidential = true;
                RenderedMessage letter = letter(model);
                assertFalse(letter.letter().contains("Larkspur"), letter.letter());
                assertFalse(letter.subject().contains("Larkspur"), letter.subject());
                assertTrue(letter.letter().contains(language == Language.CY
                        ? "Lle: Mae'r cyfeiriad yn cael ei gadw'n breifat. Bydd eich gweithiwr cymdeithasol yn dweud wrthych chi ble i fynd."
                        : "Place: The address is kept private. Your social worker will tell you where to go."), letter.letter());
            }
        }
        for (NoticeTemplate template : letterTemplates()) {
            Model model = full(template, Language.EN);
            model.venue = SECRET_VENUE;
            model.venueConfidential = true;
            assertFalse(letter(model).letter().contains("Larkspur"), template.id());
        }
        String open = letter(full(NoticeTemplate.MEETING_INVITATION, Language.EN)).letter();
        assertTrue(open.contains("Date: Monday 2 March 2026\nTime: 10:30am\nPlace: Room 4, Chesterfield Family Centre\n"), open);
        String welsh = letter(full(NoticeTemplate.MEETING_INVITATION, Language.CY)).letter();
        assertTrue(welsh.contains("Dyddiad: Dydd Llun 2 Mawrth 2026\nAmser: 10:30yb\nLle: Room 4, Chesterfield Family Centre\n"), welsh);
    }

    @Test
    void theInvitationAndClosureLettersSayWhatTheEmailsSay() {
        for (NoticeTemplate template : List.of(NoticeTemplate.MEETING_INVITATION, NoticeTemplate.CLOSURE_NOTICE)) {
            for (Language language : Language.values()) {
                for (boolean child : new boolean[] {false, true}) {
                    for (boolean confidential : new boolean[] {false, true}) {
                        Model model = full(template, language);
                        model.recipientIsChild = child;
                        model.venueConfidential = confidential;
                        RenderedMessage email = email(model);
                        RenderedMessage letter = letter(model);
                        assertEquals(email.subject(), letter.subject(), template.id());
                        assertEquals(email.text(), letter.letter(), template.id() + " " + language.code());
                    }
                }
            }
        }
    }

    @Test
    void theWelshLetterIsWelsh() {
        for (NoticeTemplate template : letterTemplates()) {
            RenderedMessage en = letter(full(template, Language.EN));
            RenderedMessage cy = letter(full(template, Language.CY));
            assertNotEquals(en.subject(), cy.subject(), template.id());
            assertNotEquals(en.letter(), cy.letter(), template.id());
            assertTrue(cy.letter().startsWith("Annwyl Sam Taylor,\n"), template.id());
            assertTrue(en.letter().startsWith("Dear Sam Taylor,\n"), template.id());
            assertTrue(cy.letter().contains("gweithiwr cymdeithasol"), template.id());
            assertFalse(cy.letter().contains("social worker"), template.id());
            assertFalse(Pattern.compile("\\b(the|and|your|please)\\b").matcher(cy.letter().replace(COUNCIL, "")
                    .replace("Room 4, Chesterfield Family Centre", "")).find(), () -> template.id() + ":\n" + cy.letter());
        }
    }

    @Test
    void familyLettersUsePlainWordsAndKeepValuesAsTheyAre() {
        for (NoticeTemplate template : letterTemplates()) {
            for (Language language : Language.values()) {
                for (boolean child : new boolean[] {false, true}) {
                    Model model = full(template, language);
                    model.recipientIsChild = child;
                    RenderedMessage letter = letter(model);
                    for (String part : List.of(letter.subject(), letter.letter())) {
                        assertFalse(part.contains(NoticeTemplatesTest.CASE_ID), () -> template.id() + " shows the case id");
                        for (String word : JARGON) {
                            Pattern pattern = Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(word) + "(?![\\p{L}\\d])",
                                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                            assertFalse(pattern.matcher(part).find(),
                                    () -> template.id() + " " + language + " uses \"" + word + "\":\n" + part);
                        }
                    }
                    assertTrue(letter.letter().contains(Wording.of(language).questionsLine()), template.id());
                }
                Model hostile = full(template, language);
                hostile.recipientName = HOSTILE;
                hostile.childName = HOSTILE;
                hostile.councilName = HOSTILE;
                String letter = letter(hostile).letter();
                assertTrue(letter.startsWith((language == Language.CY ? "Annwyl " : "Dear ") + HOSTILE + ","), letter);
                assertTrue(letter.strip().endsWith(HOSTILE), letter);
            }
        }
    }

    @Test
    void noTemplateWithoutALetterFormRendersALetter() {
        int refused = 0;
        for (NoticeTemplate template : NoticeTemplate.values()) {
            if (template.hasLetterForm()) {
                continue;
            }
            for (Language language : Language.values()) {
                Model model = full(template, language);
                model.recipientName = "Secretname";
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> letter(model));
                assertTrue(e.getMessage().contains(template.id()), e.getMessage());
                assertTrue(e.getMessage().contains("no letter form"), e.getMessage());
                assertFalse(e.getMessage().contains("Secretname"), e.getMessage());
                refused++;
            }
        }
        assertEquals(2 * (NoticeTemplate.values().length - 4), refused);
    }

    @Test
    void theLetterFilesAreThereOnlyForTheTemplatesWithALetterForm() {
        assertEquals(List.of(), renderer.missingTemplates());
        assertEquals("letter.txt", NoticeRenderer.LETTER);
        for (NoticeTemplate template : NoticeTemplate.values()) {
            for (Language language : Language.values()) {
                String path = "templates/notices/" + template.id() + "/" + language.code() + "." + NoticeRenderer.LETTER;
                assertEquals(template.hasLetterForm(), getClass().getClassLoader().getResource(path) != null, path);
            }
        }
    }

    @Test
    void aLetterHasNoEmailOrSmsParts() {
        RenderedMessage letter = letter(full(NoticeTemplate.PLAN_COPY, Language.EN));
        assertNull(letter.html());
        assertNull(letter.text());
        assertNull(letter.sms());
        assertEquals(0, letter.smsFragments());
        assertEquals("RenderedMessage[letter]", letter.toString());
        assertNull(email(full(NoticeTemplate.PLAN_COPY, Language.EN)).letter());
        assertNull(renderer.render(full(NoticeTemplate.PLAN_COPY, Language.EN).build(), Channel.SMS).letter());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void checkWellFormed(Model model) {
        String what = model.template.id() + " " + model.language.code() + " child=" + model.recipientIsChild;
        RenderedMessage letter = letter(model);
        String subject = letter.subject();
        String body = letter.letter();
        assertEquals(email(model).subject(), subject, what);
        assertFalse(subject.isBlank(), what);
        assertFalse(subject.contains("\n"), what);
        String greeting = model.recipientName == null
                ? (model.language == Language.CY ? "Helo," : "Hello,")
                : (model.language == Language.CY ? "Annwyl " : "Dear ") + model.recipientName + ",";
        assertTrue(body.startsWith(greeting + "\n\n"), () -> what + " greets:\n" + body);
        assertTrue(body.endsWith("\n\n" + COUNCIL + "\n"), () -> what + " ends with the council:\n" + body);
        assertFalse(body.contains("\n\n\n"), () -> what + " has two blank lines:\n" + body);
        List<String> parts = new ArrayList<>(List.of(subject, body));
        for (String part : parts) {
            assertFalse(Pattern.compile("\\bnull\\b").matcher(part).find(), () -> what + " prints null:\n" + part);
            assertFalse(part.contains("{") || part.contains("}"), () -> what + " has a brace:\n" + part);
            assertFalse(part.contains("<") || part.contains(">"), () -> what + " has an angle bracket:\n" + part);
            assertFalse(part.contains("()"), () -> what + " has empty brackets:\n" + part);
            assertFalse(part.contains("  "), () -> what + " has a double space:\n" + part);
            assertFalse(part.contains(" ."), () -> what + " has a space before a full stop:\n" + part);
            assertFalse(part.contains(" ,"), () -> what + " has a space before a comma:\n" + part);
            assertFalse(part.contains("http"), () -> what + " has a scheme:\n" + part);
        }
        assertTrue(body.contains(model.language == Language.CY ? "gweithiwr cymdeithasol" : "social worker"), what);
        assertTrue(body.contains(Wording.of(model.language).questionsLine()), what);
        assertNull(letter.html(), what);
        assertNull(letter.text(), what);
        assertNull(letter.sms(), what);
    }

    private static List<NoticeTemplate> letterTemplates() {
        return List.of(NoticeTemplate.PLAN_COPY, NoticeTemplate.RECORD_COPY, NoticeTemplate.MEETING_INVITATION,
                NoticeTemplate.CLOSURE_NOTICE);
    }

    private RenderedMessage letter(Model model) {
        return renderer.render(model.build(), Channel.LETTER);
    }

    private RenderedMessage email(Model model) {
        return renderer.render(model.build(), Channel.EMAIL);
    }
}
