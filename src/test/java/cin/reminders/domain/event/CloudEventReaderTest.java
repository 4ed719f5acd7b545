package cin.reminders.domain.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.Events;
import cin.reminders.domain.TestPolicies;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.PostalAddress;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudEventReaderTest {

    final Events e = new Events("derbyshire", "C-1");
    final CloudEventReader reader = new CloudEventReader(TestPolicies.registry()::knows);

    List<String> fieldsRefused(Consumer<ObjectNode> breakIt) {
        ObjectNode event = e.json("cin.review.held", "2026-02-20", "outcome", "CONTINUE");
        breakIt.accept(event);
        return assertThrows(InvalidEventException.class, () -> reader.read(event))
                .errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aGoodEventIsRead() {
        CaseEvent event = reader.read(e.json("cin.review.held", "2026-02-20", "outcome", "CONTINUE", "formal", true));
        assertEquals(EventType.REVIEW_HELD, event.type());
        assertEquals(LocalDate.parse("2026-02-20"), event.date());
        assertTrue(event.data().bool("formal"));
        assertEquals("C-1", event.caseId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"specversion", "id", "source", "type", "subject", "time", "authority", "data"})
    void eachRequiredAttributeIsNamedWhenMissing(String attribute) {
        assertTrue(fieldsRefused(ev -> ev.remove(attribute)).contains(attribute));
    }

    @Test
    void unknownTypeAuthorityAndBadDatesAreNamed() {
        assertEquals(List.of("type"), fieldsRefused(ev -> ev.put("type", "cin.unknown.thing")));
        assertEquals(List.of("authority"), fieldsRefused(ev -> ev.put("authority", "atlantis")));
        assertEquals(List.of("data.date"), fieldsRefused(ev -> ((ObjectNode) ev.get("data")).put("date", "2026-13-40")));
        assertEquals(List.of("time"), fieldsRefused(ev -> ev.put("time", "yesterday")));
        assertEquals(List.of("specversion"), fieldsRefused(ev -> ev.put("specversion", "0.3")));
        assertEquals(List.of("data.outcome"), fieldsRefused(ev -> ((ObjectNode) ev.get("data")).put("outcome", "MAYBE")));
        assertEquals(List.of("data.caseId"), fieldsRefused(ev -> ((ObjectNode) ev.get("data")).put("caseId", "OTHER")));
        assertEquals(List.of("data.nextReviewDate"),
                fieldsRefused(ev -> ((ObjectNode) ev.get("data")).put("nextReviewDate", "2026-01-01")));
    }

    @Test
    void aWithheldParentNeedsAReason() {
        ObjectNode participant = Events.JSON.createObjectNode()
                .put("id", "p1").put("role", "PARENT").put("name", "A Parent")
                .put("preferredChannel", "SMS").put("language", "en").put("mobile", "07700900123")
                .put("receivesCopies", false);
        InvalidEventException refused = assertThrows(InvalidEventException.class,
                () -> reader.read(e.json("cin.participant.upserted", null, "participant", participant)));
        assertEquals("data.participant.withholdReason", refused.firstField());
        assertEquals("/data/participant/withholdReason", refused.errors().get(0).pointer());

        participant.put("withholdReason", "contrary to the child's interests");
        assertEquals("p1", reader.read(e.json("cin.participant.upserted", null, "participant", participant))
                .data().participant().id());
    }

    @Test
    void aParticipantNeverShowsPersonalDataWhenPrinted() {
        ObjectNode participant = Events.JSON.createObjectNode()
                .put("id", "p1").put("role", "PARENT").put("name", "Jane Secret")
                .put("preferredChannel", "EMAIL").put("email", "jane@secret.example");
        CaseEvent event = reader.read(e.json("cin.participant.upserted", null, "participant", participant));
        String printed = event + " " + event.data().participant();
        assertTrue(!printed.contains("Jane") && !printed.contains("secret"), printed);
    }

    // The participant's postal address (CONTRACT-2 §5)

    ObjectNode withAddress(Object lines, Object postcode) {
        ObjectNode participant = Events.JSON.createObjectNode()
                .put("id", "mum").put("role", "PARENT").put("name", "A Parent").put("preferredChannel", "LETTER");
        ObjectNode address = participant.putObject("address");
        address.set("lines", Events.JSON.valueToTree(lines));
        address.set("postcode", Events.JSON.valueToTree(postcode));
        return participant;
    }

    List<String> addressFieldsRefused(ObjectNode participant) {
        return assertThrows(InvalidEventException.class,
                () -> reader.read(e.json("cin.participant.upserted", null, "participant", participant)))
                .errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aGoodAddressIsReadWithItsPostcodeNormalised() {
        ObjectNode participant = withAddress(List.of(" Flat 2 ", "10 Downing Street", "London"), "sw1a2aa");
        Participant read = reader.read(e.json("cin.participant.upserted", null, "participant", participant))
                .data().participant();
        assertEquals(Channel.LETTER, read.preferredChannel());
        PostalAddress address = read.postalAddress().orElseThrow();
        assertEquals(List.of("Flat 2", "10 Downing Street", "London"), address.lines());
        assertEquals("SW1A 2AA", address.postcode());
        assertEquals(List.of("A Parent", "Flat 2", "10 Downing Street", "London", "SW1A 2AA"),
                address.letterLines(read.name()));
    }

    @Test
    void anAddressIsOptional() {
        ObjectNode participant = withAddress(List.of("1 Road"), "M1 1AE");
        participant.remove("address");
        assertTrue(reader.read(e.json("cin.participant.upserted", null, "participant", participant))
                .data().participant().postalAddress().isEmpty());
        participant.putNull("address");
        assertTrue(reader.read(e.json("cin.participant.upserted", null, "participant", participant))
                .data().participant().postalAddress().isEmpty());
    }

    @Test
    void oneToFiveLines() {
        assertEquals(List.of("data.participant.address.lines"),
                addressFieldsRefused(withAddress(List.of("1", "2", "3", "4", "5", "6"), "SW1A 1AA")));
        assertEquals(List.of("data.participant.address.lines"), addressFieldsRefused(withAddress(List.of(), "SW1A 1AA")));
        ObjectNode noLines = withAddress(List.of(), "SW1A 1AA");
        ((ObjectNode) noLines.get("address")).remove("lines");
        assertEquals(List.of("data.participant.address.lines"), addressFieldsRefused(noLines));
        assertEquals(List.of("data.participant.address.lines"), addressFieldsRefused(withAddress("1 High Street", "SW1A 1AA")));
    }

    @Test
    void aLineOf36CharactersIsNamedByItsIndex() {
        InvalidEventException refused = assertThrows(InvalidEventException.class, () -> reader.read(e.json(
                "cin.participant.upserted", null, "participant",
                withAddress(List.of("Flat 2", "10 Downing Street", "L".repeat(36)), "SW1A 2AA"))));
        assertEquals(List.of("data.participant.address.lines[2]"),
                refused.errors().stream().map(FieldError::field).toList());
        assertEquals("/data/participant/address/lines/2", refused.errors().get(0).pointer());
        assertTrue(refused.errors().get(0).message().contains("at most 35 characters"));
        // 35 is fine.
        reader.read(e.json("cin.participant.upserted", null, "participant",
                withAddress(List.of("Flat 2", "10 Downing Street", "L".repeat(35)), "SW1A 2AA")));
    }

    @Test
    void aBlankOrNonTextLineIsNamed() {
        assertEquals(List.of("data.participant.address.lines[1]"),
                addressFieldsRefused(withAddress(List.of("Flat 2", "  ", "London"), "SW1A 2AA")));
        assertEquals(List.of("data.participant.address.lines[0]"),
                addressFieldsRefused(withAddress(List.of(7, "London"), "SW1A 2AA")));
        assertEquals(List.of("data.participant.address.lines[1]"),
                addressFieldsRefused(withAddress(List.of("Flat 2", "10 Downing\nStreet"), "SW1A 2AA")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SW1A", "SW1A 1AAA", "SW1A-1AA", "12345", "BFPO 1234", "QA1 1AA", "not a postcode"})
    void aBadPostcodeIsNamed(String postcode) {
        assertEquals(List.of("data.participant.address.postcode"),
                addressFieldsRefused(withAddress(List.of("10 Downing Street"), postcode)));
    }

    @Test
    void aMissingOrNonTextPostcodeIsNamed() {
        assertEquals(List.of("data.participant.address.postcode"),
                addressFieldsRefused(withAddress(List.of("10 Downing Street"), null)));
        assertEquals(List.of("data.participant.address.postcode"),
                addressFieldsRefused(withAddress(List.of("10 Downing Street"), 12345)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NFA", "nfa", "No Fixed Abode", "no fixed address", "NO FIXED ABODE - sofa surfing"})
    void anAddressThatSaysNoFixedAbodeIsRefusedNamingTheLine(String line) {
        assertEquals(List.of("data.participant.address.lines[1]"),
                addressFieldsRefused(withAddress(List.of("c/o Hostel", line), "SW1A 1AA")));
    }

    @Test
    void everyAddressProblemIsNamedAtOnceAndNoneEchoesTheValue() {
        InvalidEventException refused = assertThrows(InvalidEventException.class, () -> reader.read(e.json(
                "cin.participant.upserted", null, "participant",
                withAddress(List.of("7 Secretive Crescent", "no fixed abode"), "ZZ99 SECRET"))));
        assertEquals(List.of("data.participant.address.lines[1]", "data.participant.address.postcode"),
                refused.errors().stream().map(FieldError::field).toList());
        assertTrue(!refused.getMessage().contains("Secretive") && !refused.getMessage().contains("SECRET"),
                refused.getMessage());
    }

    @Test
    void anAddressMustBeAnObject() {
        ObjectNode participant = withAddress(List.of("1 Road"), "M1 1AE");
        participant.put("address", "1 Road, M1 1AE");
        assertEquals(List.of("data.participant.address"), addressFieldsRefused(participant));
    }

    @Test
    void notAnObjectIsRefusedAsAWhole() {
        InvalidEventException refused = assertThrows(InvalidEventException.class,
                () -> reader.read(Events.JSON.createArrayNode()));
        assertEquals("event", refused.firstField());
    }

    @Test
    void idsThatStorageCouldNotHoldAreNamedNotFailedLater() {
        String nul = "C-\u00001";
        assertEquals(List.of("subject", "data.caseId"), fieldsRefused(ev -> {
            ev.put("subject", nul);
            ((ObjectNode) ev.get("data")).put("caseId", nul);
        }));
        assertEquals(List.of("id"), fieldsRefused(ev -> ev.put("id", "x".repeat(FieldType.MAX_IDENTIFIER + 1))));
        assertEquals(List.of("source"), fieldsRefused(ev -> ev.put("source", "urn:a\tb")));
        assertEquals(List.of("data.caseId"),
                fieldsRefused(ev -> ((ObjectNode) ev.get("data")).put("caseId", "C".repeat(4_000))));
    }

    @Test
    void aNulAnywhereIsNamedEvenInFieldsTheContractDoesNotName() {
        assertEquals(List.of("data.note"), fieldsRefused(ev -> ((ObjectNode) ev.get("data")).put("note", "a\u0000b")));
        assertEquals(List.of("data.extra[1]"), fieldsRefused(ev -> ((ObjectNode) ev.get("data")).putArray("extra")
                .add("fine").add("\u0000")));
        InvalidEventException refused = assertThrows(InvalidEventException.class, () -> reader.read(
                e.json("cin.meeting.scheduled", "2026-02-20", "meeting", "CARE_TEAM", "startsAt", "2026-03-01T10:00",
                        "venue", "Hall\u0000", "invitees", List.of("p1"))));
        assertEquals("data.venue", refused.firstField());
    }

    @Test
    void freeTextIsBounded() {
        InvalidEventException refused = assertThrows(InvalidEventException.class, () -> reader.read(
                e.json("cin.case.closed", "2026-02-20", "reason", "r".repeat(FieldType.MAX_TEXT + 1))));
        assertEquals(List.of("data.reason"), refused.errors().stream().map(FieldError::field).toList());
        assertTrue(refused.errors().get(0).message().contains("at most"));
    }

    @Test
    void aRecordMayNameItsMeetingByAnIsoDate() {
        CaseEvent named = reader.read(e.json("cin.record.published", "2026-03-20", "record", "CARE_TEAM_MEETING",
                "documentUrl", "https://cms.example/r/1", "meetingDate", "2026-03-12"));
        assertEquals(java.util.Optional.of(LocalDate.parse("2026-03-12")), named.data().optDate("meetingDate"));
        CaseEvent unnamed = reader.read(e.json("cin.record.published", "2026-03-20", "record", "REVIEW",
                "documentUrl", "https://cms.example/r/2"));
        assertTrue(unnamed.data().optDate("meetingDate").isEmpty());
        for (Object bad : List.of("12/03/2026", "2026-02-30", 20260312, "")) {
            InvalidEventException refused = assertThrows(InvalidEventException.class, () -> reader.read(e.json(
                    "cin.record.published", "2026-03-20", "record", "REVIEW", "documentUrl", "https://cms.example/r/3",
                    "meetingDate", bad)));
            assertEquals(List.of("data.meetingDate"), refused.errors().stream().map(FieldError::field).toList(),
                    String.valueOf(bad));
        }
    }
}
