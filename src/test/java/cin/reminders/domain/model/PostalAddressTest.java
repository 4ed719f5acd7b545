package cin.reminders.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostalAddressTest {

    static List<String> fields(PostalAddress.Invalid refused) {
        return refused.problems().stream().map(PostalAddress.Problem::field).toList();
    }

    @ParameterizedTest
    @CsvSource({
            "SW1A 1AA, SW1A 1AA", "sw1a1aa, SW1A 1AA", " Sw1a  1aA , SW1A 1AA", "EC1A 1BB, EC1A 1BB", "W1A 0AX, W1A 0AX",
            "m11ae, M1 1AE", "B33 8TH, B33 8TH", "CR2 6XH, CR2 6XH", "DN55 1PT, DN55 1PT", "gir 0aa, GIR 0AA",
            "GIR0AA, GIR 0AA", "CF10 1EP, CF10 1EP", "LL55 4UL, LL55 4UL"})
    void aUkPostcodeIsNormalised(String raw, String normalised) {
        assertEquals(Optional.of(normalised), PostalAddress.normalisePostcode(raw));
        assertEquals(normalised, PostalAddress.of(List.of("1 High Street"), raw).postcode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "SW1A", "SW1A 1A", "SW1A 1AAA", "SW1A-1AA", "12345", "QA1 1AA", "VA1 1AA",
            "XM4 5HQ", "AI1 1AA", "AZ1 1AA", "SW1A 1CA", "SW1A 1AI", "A1L 1AA", "AA1C 1AA", "BFPO 1234", "BFPO1234",
            "BF1 4FB", "ASCN 1ZZ", "STHL 1ZZ", "1AA SW1A", "SW1A 1AA UK", "ZZ99 9ZZZ"})
    void anythingElseIsNotAPostcode(String raw) {
        assertEquals(Optional.empty(), PostalAddress.normalisePostcode(raw), raw);
        PostalAddress.Invalid refused = assertThrows(PostalAddress.Invalid.class,
                () -> PostalAddress.of(List.of("1 High Street"), raw));
        assertEquals(List.of("postcode"), fields(refused));
    }

    @Test
    void oneToFiveLinesOfAtMost35Characters() {
        assertEquals(List.of("lines"), fields(assertThrows(PostalAddress.Invalid.class,
                () -> PostalAddress.of(List.of(), "SW1A 1AA"))));
        assertEquals(List.of("lines"), fields(assertThrows(PostalAddress.Invalid.class,
                () -> PostalAddress.of(List.of("1", "2", "3", "4", "5", "6"), "SW1A 1AA"))));
        assertEquals(5, PostalAddress.of(List.of("1 A Road", "2", "3", "4", "5"), "SW1A 1AA").lines().size());
        String longest = "x".repeat(PostalAddress.MAX_LINE_LENGTH);
        assertEquals(List.of(longest), PostalAddress.of(List.of(longest), "SW1A 1AA").lines());
        assertEquals(List.of("lines[1]"), fields(assertThrows(PostalAddress.Invalid.class,
                () -> PostalAddress.of(List.of("Flat 1", longest + "y"), "SW1A 1AA"))));
    }

    @Test
    void linesAreStrippedAndNeitherBlankNorSeveralLinesInOne() {
        assertEquals(List.of("Flat 1", "2 High Street"),
                PostalAddress.of(List.of("  Flat 1 ", "2 High Street  "), "SW1A 1AA").lines());
        // Surrounding spaces do not count towards the 35 characters.
        assertEquals(1, PostalAddress.of(List.of("  " + "x".repeat(35) + "  "), "SW1A 1AA").lines().size());
        PostalAddress.Invalid refused = assertThrows(PostalAddress.Invalid.class,
                () -> PostalAddress.of(java.util.Arrays.asList("Flat 1", " ", null, "a\nb", "ok"), "nonsense"));
        assertEquals(List.of("lines[1]", "lines[2]", "lines[3]", "postcode"), fields(refused));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NFA", "nfa", "N.F.A.", "N F A", "No Fixed Abode", "no fixed address", "NO  FIXED ABODE",
            "NFA - sofa surfing", "c/o hostel, NFA"})
    void anAddressThatSaysNoFixedAbodeIsRefused(String line) {
        PostalAddress.Invalid refused = assertThrows(PostalAddress.Invalid.class,
                () -> PostalAddress.of(List.of("Somewhere", line), "SW1A 1AA"));
        assertEquals(List.of("lines[1]"), fields(refused));
        assertTrue(refused.problems().get(0).message().contains("no fixed abode"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Unfair Lane", "Nfald Road", "Fixed Abode Cottage", "Banfa Close", "Fixed Address Ltd"})
    void wordsThatMerelyContainTheLettersAreNot(String line) {
        assertEquals(List.of(line), PostalAddress.of(List.of(line), "SW1A 1AA").lines());
    }

    @Test
    void theLetterBlockIsTheNameTheLinesAndThePostcode() {
        PostalAddress a = PostalAddress.of(List.of("Flat 2", "10 Downing Street", "London"), "sw1a2aa");
        assertEquals(List.of("Sam Taylor", "Flat 2", "10 Downing Street", "London", "SW1A 2AA"), a.letterLines(" Sam Taylor "));
        assertEquals(3, PostalAddress.of(List.of("1 Road"), "M1 1AE").letterLines("Jo").size());
        assertEquals(7, PostalAddress.of(List.of("1", "2", "3", "4", "5"), "M1 1AE").letterLines("Jo").size());
        assertThrows(IllegalArgumentException.class, () -> a.letterLines(" "));
        assertThrows(IllegalArgumentException.class, () -> a.letterLines(null));
        assertThrows(IllegalArgumentException.class, () -> a.letterLines("Sam\nTaylor"));
    }

    @Test
    void neverPrinted() {
        PostalAddress a = PostalAddress.of(List.of("7 Secretive Crescent"), "SW1A 1AA");
        Participant p = new Participant("p", Role.PARENT, "Jo", null, null, Channel.LETTER, Language.EN, null, null, null,
                true, null, a);
        String printed = a + " " + p;
        assertFalse(printed.contains("Secretive") || printed.contains("SW1A"), printed);
        PostalAddress.Invalid refused = assertThrows(PostalAddress.Invalid.class,
                () -> PostalAddress.of(List.of("7 Secretive Crescent", "NFA"), "SW1A 1ZZZ"));
        assertFalse(refused.getMessage().contains("Secretive") || refused.getMessage().contains("1ZZZ"), refused.getMessage());
    }

    @Test
    void aParticipantWithoutAnAddressHasNone() {
        Participant p = new Participant("p", Role.PARENT, "Jo", "jo@x.org", null, Channel.EMAIL, Language.EN, null, null,
                null, false, null);
        assertEquals(Optional.empty(), p.postalAddress());
    }
}
