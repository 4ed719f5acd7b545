package cin.reminders.domain.report;

import java.util.List;

/** RFC 4180 text: fields joined by commas, quoted when they hold a comma, a quote or a line break; lines end CRLF. */
public final class Csv {

    private Csv() {
    }

    /** One record, with its CRLF. A null field is empty. */
    public static String line(List<String> fields) {
        StringBuilder out = new StringBuilder(fields.size() * 12);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            field(out, fields.get(i));
        }
        return out.append("\r\n").toString();
    }

    private static void field(StringBuilder out, String value) {
        if (value == null) {
            return;
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char ch = value.charAt(i);
            quote = ch == ',' || ch == '"' || ch == '\r' || ch == '\n';
        }
        // A field a spreadsheet would run as a formula is quoted and led by an apostrophe (CSV injection).
        boolean formula = !value.isEmpty() && "=+-@\t".indexOf(value.charAt(0)) >= 0;
        if (!quote && !formula) {
            out.append(value);
            return;
        }
        out.append('"');
        if (formula) {
            out.append('\'');
        }
        out.append(value.replace("\"", "\"\""));
        out.append('"');
    }
}
