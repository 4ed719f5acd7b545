package cin.reminders.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Postcodes of every UK shape, however they are typed, come out in one form; and that form is a fixed point. */
class PostalAddressProperties {

    static final String FIRST = "ABCDEFGHIJKLMNOPRSTUWYZ"; // never Q, V, X
    static final String SECOND = "ABCDEFGHKLMNOPQRSTUVWXY"; // never I, J, Z
    static final String THIRD = "ABCDEFGHJKPSTUW"; // A9A
    static final String FOURTH = "ABEHMNPRVWXY"; // AA9A
    static final String INWARD = "ABDEFGHJLNPQRSTUWXYZ"; // never C, I, K, M, O, V

    static Arbitrary<String> letter(String from) {
        return Arbitraries.of(from.chars().mapToObj(c -> String.valueOf((char) c)).toList());
    }

    static Arbitrary<String> digit() {
        return Arbitraries.integers().between(0, 9).map(String::valueOf);
    }

    /** An outward code of one of the six shapes, not in the BF (British Forces) area. */
    static Arbitrary<String> outward() {
        return Arbitraries.oneOf(
                Combinators.combine(letter(FIRST), digit()).as(String::concat),
                Combinators.combine(letter(FIRST), digit(), digit()).as((a, b, c) -> a + b + c),
                Combinators.combine(letter(FIRST), letter(SECOND), digit()).as((a, b, c) -> a + b + c),
                Combinators.combine(letter(FIRST), letter(SECOND), digit(), digit()).as((a, b, c, d) -> a + b + c + d),
                Combinators.combine(letter(FIRST), digit(), letter(THIRD)).as((a, b, c) -> a + b + c),
                Combinators.combine(letter(FIRST), letter(SECOND), digit(), letter(FOURTH)).as((a, b, c, d) -> a + b + c + d))
                .filter(o -> !o.startsWith("BF"));
    }

    /** A UK postcode in its normal form, Girobank's included. */
    @Provide
    Arbitrary<String> postcodes() {
        Arbitrary<String> ordinary = Combinators.combine(outward(), digit(), letter(INWARD), letter(INWARD))
                .as((o, d, x, y) -> o + " " + d + x + y);
        return Arbitraries.frequencyOf(
                Tuple.of(50, ordinary), Tuple.of(1, Arbitraries.just("GIR 0AA")));
    }

    /** The postcode as someone might type it: any case per character, spaces anywhere (or none). */
    static String typed(String normal, List<Boolean> lower, List<Integer> spaces) {
        String compact = normal.replace(" ", "");
        StringBuilder out = new StringBuilder(" ".repeat(spaces.get(0)));
        for (int i = 0; i < compact.length(); i++) {
            String c = compact.substring(i, i + 1);
            out.append(lower.get(i) ? c.toLowerCase(Locale.ROOT) : c).append(" ".repeat(spaces.get(i + 1)));
        }
        return out.toString();
    }

    @Property(tries = 1_000)
    void everyUkShapeHoweverTypedNormalisesToOneForm(@ForAll("postcodes") String normal,
                                                     @ForAll List<@IntRange(min = 0, max = 2) Integer> spacing,
                                                     @ForAll List<Boolean> cases) {
        List<Integer> spaces = padded(spacing, 8, 0);
        List<Boolean> lower = padded(cases, 7, false);
        String raw = typed(normal, lower, spaces);
        assertEquals(Optional.of(normal), PostalAddress.normalisePostcode(raw), () -> "typed as [" + raw + "]");
        assertEquals(normal, PostalAddress.of(List.of("1 High Street"), raw).postcode());
    }

    @Property(tries = 1_000)
    void normalisingIsIdempotent(@ForAll("anything") String raw) {
        Optional<String> once = PostalAddress.normalisePostcode(raw);
        assertEquals(once, once.flatMap(PostalAddress::normalisePostcode));
        once.ifPresent(p -> assertTrue(p.matches("[A-Z0-9]{2,4} [0-9][A-Z]{2}"), p));
    }

    /** Arbitrary text, and text close to postcodes (their characters, in any order), where mistakes would hide. */
    @Provide
    Arbitrary<String> anything() {
        return Arbitraries.oneOf(Arbitraries.strings(),
                Arbitraries.strings().withChars("ABGIRSW0129 abgirsw").ofMinLength(2).ofMaxLength(9),
                postcodes().map(p -> p.toLowerCase(Locale.ROOT).replace(" ", "")));
    }

    @Property(tries = 300)
    void theLetterBlockIsTheNameTheLinesThenThePostcode(
            @ForAll("postcodes") String postcode,
            @ForAll @Size(min = 1, max = 5) List<@AlphaChars @StringLength(min = 1, max = 35) String> lines) {
        List<String> usable = lines.stream().filter(l -> !l.equalsIgnoreCase("nfa")).toList();
        if (usable.isEmpty()) {
            return;
        }
        List<String> block = PostalAddress.of(usable, postcode).letterLines("Jo Bloggs");
        assertTrue(block.size() >= 3 && block.size() <= 7, block::toString);
        assertEquals("Jo Bloggs", block.get(0));
        assertEquals(usable, block.subList(1, block.size() - 1));
        assertEquals(postcode, block.get(block.size() - 1));
    }

    static <T> List<T> padded(List<T> values, int size, T fill) {
        ArrayList<T> out = new ArrayList<>(values);
        while (out.size() < size) {
            out.add(fill);
        }
        return out;
    }
}
