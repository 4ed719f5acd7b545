package cin.reminders.notice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cin.reminders.domain.notice.NoticeTemplate;

/** The pieces of a letter that need no Quarkus: which templates have one, the typeable link, what a letter prints. */
class LetterPartsTest {

    @Test
    void onlyTheFourFamilyAndAgencyCopiesHaveALetterForm() {
        Set<NoticeTemplate> letters = EnumSet.noneOf(NoticeTemplate.class);
        for (NoticeTemplate template : NoticeTemplate.values()) {
            if (template.hasLetterForm()) {
                letters.add(template);
            }
        }
        assertEquals(EnumSet.of(NoticeTemplate.PLAN_COPY, NoticeTemplate.RECORD_COPY, NoticeTemplate.MEETING_INVITATION,
                NoticeTemplate.CLOSURE_NOTICE), letters);
        for (NoticeTemplate template : letters) {
            assertEquals(NoticeTemplate.Audience.FAMILY, template.audience(), template.id());
        }
    }

    @Test
    void aLinkIsTypeableWithoutItsSchemeOrATrailingSlash() {
        assertEquals("derbyshire.gov.uk/plans/abc123", MessageModel.typeable("https://derbyshire.gov.uk/plans/abc123"));
        assertEquals("derbyshire.gov.uk/plans/abc123", MessageModel.typeable("https://derbyshire.gov.uk/plans/abc123/"));
        assertEquals("derbyshire.gov.uk/plans/abc123", MessageModel.typeable("http://derbyshire.gov.uk/plans/abc123"));
        assertEquals("derbyshire.gov.uk/plans/abc123", MessageModel.typeable("HTTPS://derbyshire.gov.uk/plans/abc123"));
        assertEquals("derbyshire.gov.uk", MessageModel.typeable("https://derbyshire.gov.uk/"));
        assertEquals("plans.derbyshire.gov.uk/d?id=7f3a9c21", MessageModel.typeable("https://plans.derbyshire.gov.uk/d?id=7f3a9c21"));
        assertEquals("derbyshire.gov.uk/https://x", MessageModel.typeable("https://derbyshire.gov.uk/https://x"));
        assertNull(MessageModel.typeable(null));

        MessageModel m = MessageModel.builder().documentUrl("https://plans.derbyshire.gov.uk/d/7f3a9c21/").build();
        assertEquals("plans.derbyshire.gov.uk/d/7f3a9c21", m.typeableDocumentUrl());
        assertEquals("https://plans.derbyshire.gov.uk/d/7f3a9c21/", m.documentUrl());
        assertNull(MessageModel.builder().build().typeableDocumentUrl());
    }

    @Test
    void aRenderedLetterHasOnlyItsSubjectAndBodyAndDoesNotPrintThem() {
        RenderedMessage letter = RenderedMessage.letter("A copy of the plan", "Dear Sam Taylor,\n\nSecret\n");
        assertEquals("A copy of the plan", letter.subject());
        assertEquals("Dear Sam Taylor,\n\nSecret\n", letter.letter());
        assertNull(letter.html());
        assertNull(letter.text());
        assertNull(letter.sms());
        assertEquals("RenderedMessage[letter]", letter.toString());
        assertFalse(letter.toString().contains("Sam"));

        RenderedMessage email = new RenderedMessage("Subject", "<p>Secret</p>", "Secret", null, 0, false);
        assertNull(email.letter());
        assertEquals("RenderedMessage[email]", email.toString());
        RenderedMessage sms = new RenderedMessage(null, null, null, "Secret", 1, false);
        assertNull(sms.letter());
        assertEquals("RenderedMessage[sms, 1 fragment(s)]", sms.toString());
    }
}
