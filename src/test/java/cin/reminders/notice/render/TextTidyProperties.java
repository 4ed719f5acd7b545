package cin.reminders.notice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** The one-pass tidying gives exactly what the regular expressions it replaced gave. */
class TextTidyProperties {

    @Property(tries = 3000)
    void linesAsTheExpressionsDid(@ForAll @StringLength(max = 40)
                                  @Chars({'a', 'é', ' ', '\t', '\n', '\r', '\f', '\u000B', '\u0085', '\u2028'}) String text) {
        assertEquals(text.replace("\r\n", "\n").replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip() + "\n",
                TextTidy.lines(text));
    }

    @Property(tries = 3000)
    void oneLineAsTheExpressionDid(@ForAll @StringLength(max = 40)
                                   @Chars({'a', 'é', ' ', '\t', '\n', '\r', '\f', '\u000B', '\u0085', '\u2028', '\u2029'}) String text) {
        assertEquals(text.strip().replaceAll("\\s*\\R\\s*", " "), TextTidy.oneLine(text));
    }

    @Example
    void aTypicalBody() {
        assertEquals("Dear Sam,\n\nThe plan is attached.\n\nDerbyshire\n",
                TextTidy.lines("\n  Dear Sam,  \n\n\n\nThe plan is attached.\t\r\n\n\nDerbyshire\n\n"));
        assertEquals("Due today: Plan review (case C-1)", TextTidy.oneLine(" Due today:\n  Plan review\r\n (case C-1) \n"));
    }
}
