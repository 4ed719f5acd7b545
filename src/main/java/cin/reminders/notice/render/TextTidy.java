package cin.reminders.notice.render;

/**
 * Tidies rendered text in one pass each. These ran as regular expressions, which were an eighth of
 * the service's CPU when 100,000 reminders fell due at once; {@code TextTidyProperties} checks that
 * they still give exactly what the expressions gave.
 */
final class TextTidy {

    private TextTidy() {
    }

    /**
     * Trailing spaces and tabs off every line, at most one blank line in a row, no blank lines at
     * either end, one final line break. (Was: {@code replace("\r\n", "\n").replaceAll("[ \t]+\n", "\n")
     * .replaceAll("\n{3,}", "\n\n").strip() + "\n"}.)
     */
    static String lines(String text) {
        String s = text.indexOf('\r') >= 0 ? text.replace("\r\n", "\n") : text;
        int n = s.length();
        StringBuilder out = new StringBuilder(n + 1);
        int newlines = 0; // line breaks seen and not yet written
        int i = 0;
        while (i < n) {
            int end = s.indexOf('\n', i);
            boolean last = end < 0;
            if (last) {
                end = n;
            }
            int e = end;
            if (!last) {
                while (e > i && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
                    e--;
                }
            }
            if (e > i) {
                for (int k = 0; k < Math.min(newlines, 2); k++) {
                    out.append('\n');
                }
                newlines = 0;
                out.append(s, i, e);
            }
            if (!last) {
                newlines++;
            }
            i = end + 1;
        }
        for (int k = 0; k < Math.min(newlines, 2); k++) {
            out.append('\n');
        }
        return out.toString().strip() + "\n";
    }

    /** One line: every line break, with the whitespace around it, becomes one space. (Was: {@code strip().replaceAll("\\s*\\R\\s*", " ")}.) */
    static String oneLine(String text) {
        String s = text.strip();
        int n = s.length();
        StringBuilder out = null;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!isSpace(c) && !isBreak(c)) {
                if (out != null) {
                    out.append(c);
                }
                i++;
                continue;
            }
            int j = i;
            while (j < n && (isSpace(s.charAt(j)) || isBreak(s.charAt(j)))) {
                j++;
            }
            int spaces = matches(s, i, j);
            if (spaces > 0 && out == null) {
                out = new StringBuilder(n).append(s, 0, i);
            }
            if (out != null) {
                if (spaces == 0) {
                    out.append(s, i, j);
                } else {
                    out.append(" ".repeat(spaces));
                }
            }
            i = j;
        }
        return out == null ? s : out.toString();
    }

    /**
     * How many matches {@code \s*\R\s*} makes in a run of whitespace: the greedy {@code \s*} swallows
     * every break that is also {@code \s} (\n, \r, \f, \u000B), so each break that is not
     * (\u0085, \u2028, \u2029) is a match of its own; with none of those, any break makes one match.
     */
    private static int matches(String s, int from, int to) {
        int others = 0;
        boolean any = false;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (isBreak(c)) {
                any = true;
                if (!isSpace(c)) {
                    others++;
                }
            }
        }
        return others > 0 ? others : any ? 1 : 0;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isBreak(char c) {
        return c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
