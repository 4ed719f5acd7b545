package cin.reminders.domain.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A UK postal address for letters (CONTRACT-2 §5): 1 to 5 lines of at most 35 characters, then a UK postcode,
 * normalised to the {@code SW1A 1AA} form. Every instance is valid: the constructor checks and normalises, and
 * refuses with every problem, each naming its field ({@code lines}, {@code lines[2]}, {@code postcode}) and never
 * echoing the value.
 *
 * <p>Personal data: {@link #toString()} prints nothing of it; the address is kept in the participant's row alone,
 * never returned by the API and never logged.
 */
public record PostalAddress(List<String> lines, String postcode) {

    public static final int MAX_LINES = 5;
    public static final int MAX_LINE_LENGTH = 35;

    /**
     * The UK postcode shapes (BS 7666), spaces removed and upper-cased: the outward code A9, A99, AA9, AA99, A9A or
     * AA9A, then the inward code 9AA. A first letter is never Q, V or X; a second never I, J or Z; a third (A9A) one
     * of ABCDEFGHJKPSTUW; a fourth (AA9A) one of ABEHMNPRVWXY; the inward letters never C, I, K, M, O or V. Plus
     * Girobank's GIR 0AA. British Forces addresses are out of scope: neither {@code BFPO 1234} nor the BF area's
     * postcodes ({@code BF1 4FB}) are accepted; nor are overseas territories' codes ({@code ASCN 1ZZ}).
     */
    private static final Pattern POSTCODE = Pattern.compile(
            "GIR0AA|(?!BF[0-9])(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
            + "|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])[0-9][ABD-HJLNP-UW-Z]{2}");

    /** A line that says the person has no address: NFA (N.F.A.), no fixed abode, no fixed address. */
    private static final Pattern NO_FIXED_ABODE = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:N\\.?\\s*F\\.?\\s*A\\.?|NO\\s+FIXED\\s+(?:ABODE|ADDRESS))(?![\\p{L}\\p{N}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** One thing wrong with an address: the field relative to the address, and what is wrong (never the value). */
    public record Problem(String field, String message) {

        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    /** An address that cannot be accepted, with every problem. Its message names fields only. */
    public static final class Invalid extends IllegalArgumentException {

        private final List<Problem> problems;

        Invalid(List<Problem> problems) {
            super("invalid postal address: " + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /**
     * Checks and normalises: each line stripped of surrounding white space, the postcode upper-cased with one space
     * before its inward code.
     *
     * @throws Invalid with every problem found
     */
    public PostalAddress {
        List<Problem> problems = problems(lines, postcode);
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        lines = lines.stream().map(String::strip).toList();
        postcode = normalisePostcode(postcode).orElseThrow();
    }

    /** The validating factory: the same as the constructor, named for reading. */
    public static PostalAddress of(List<String> lines, String postcode) {
        return new PostalAddress(lines, postcode);
    }

    /** Every problem with these lines and this postcode; empty when they make an address. */
    public static List<Problem> problems(List<String> lines, String postcode) {
        List<Problem> problems = new ArrayList<>();
        if (lines == null) {
            problems.add(new Problem("lines", "is required"));
        } else if (lines.isEmpty() || lines.size() > MAX_LINES) {
            problems.add(new Problem("lines", "must have 1 to " + MAX_LINES + " address lines (the postcode apart)"));
        } else {
            for (int i = 0; i < lines.size(); i++) {
                int index = i;
                lineProblem(lines.get(i)).ifPresent(m -> problems.add(new Problem("lines[" + index + "]", m)));
            }
        }
        if (postcode == null) {
            problems.add(new Problem("postcode", "is required"));
        } else if (normalisePostcode(postcode).isEmpty()) {
            problems.add(new Problem("postcode", "must be a UK postcode, e.g. SW1A 1AA (British Forces BFPO numbers are not accepted)"));
        }
        return problems;
    }

    private static Optional<String> lineProblem(String line) {
        if (line == null || line.isBlank()) {
            return Optional.of("must be a non-empty string");
        }
        if (line.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters (one line of the address each)");
        }
        if (line.strip().length() > MAX_LINE_LENGTH) {
            return Optional.of("must be at most " + MAX_LINE_LENGTH + " characters");
        }
        if (NO_FIXED_ABODE.matcher(line).find()) {
            return Optional.of("says the person has no fixed abode: leave the address out instead");
        }
        return Optional.empty();
    }

    /**
     * A UK postcode in its one written form ({@code SW1A 1AA}): white space anywhere and lower case are accepted on
     * the way in. Empty when it is not a UK postcode.
     */
    public static Optional<String> normalisePostcode(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String compact = raw.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (!POSTCODE.matcher(compact).matches()) {
            return Optional.empty();
        }
        int inward = compact.length() - 3;
        return Optional.of(compact.substring(0, inward) + " " + compact.substring(inward));
    }

    /**
     * The address block of a letter to {@code name}, as GOV.UK Notify takes it ({@code address_line_1} to
     * {@code address_line_7}): the name, the lines, then the postcode. 3 to 7 lines.
     *
     * @throws IllegalArgumentException when the name is blank or more than one line
     */
    public List<String> letterLines(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a letter needs the recipient's name");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the recipient's name must be one line");
        }
        List<String> out = new ArrayList<>(lines.size() + 2);
        out.add(name.strip());
        out.addAll(lines);
        out.add(postcode);
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "PostalAddress[redacted]";
    }
}
