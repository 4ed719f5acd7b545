package cin.reminders.notice.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.notice.NoticeTemplate;
import cin.reminders.domain.notice.SmsLength;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.runtime.StartupEvent;

/**
 * Renders a notice from the Qute templates under {@code templates/notices/<template>/<lang>.<part>}: for email
 * the subject ({@code subject.txt}), the HTML body ({@code html}, every value escaped) and the plain-text body
 * ({@code txt}); for SMS the text ({@code sms.txt}), checked against Notify's 918-character limit; for a letter
 * the subject ({@code subject.txt}, the letter's heading) and the body ({@code letter.txt}), which goes into the
 * {@code ((body))} of the council's one Notify letter template. Only the templates that
 * {@linkplain NoticeTemplate#hasLetterForm() have a letter form} have {@code letter.txt}.
 * <p>
 * The HTML bodies share {@code templates/notices/layout.html} and the user tags under {@code templates/tags/} (the
 * tables of facts: {@code facts}, {@code fact}, {@code caseFacts}, {@code meetingFacts}...). Those are parts of
 * templates, not notice templates: {@link #missingTemplates()} looks only for the files of each notice.
 * <p>
 * Exceptions name the template, language and part only, never a value from the model (names are personal data).
 */
@ApplicationScoped
public class NoticeRenderer {

    public static final String SUBJECT = "subject.txt";
    public static final String HTML = "html";
    public static final String TEXT = "txt";
    public static final String SMS = "sms.txt";
    /** The body of a letter, for the templates with a letter form only. */
    public static final String LETTER = "letter.txt";
    /** Every part each template has, in each language; those with a letter form also have {@link #LETTER}. */
    public static final List<String> PARTS = List.of(SUBJECT, HTML, TEXT, SMS);

    private final Engine engine;
    private final ConcurrentHashMap<String, Template> templates = new ConcurrentHashMap<>();

    public NoticeRenderer(Engine engine) {
        this.engine = engine;
    }

    public RenderedMessage render(MessageModel m, Channel channel) {
        Objects.requireNonNull(m, "model");
        Objects.requireNonNull(channel, "channel");
        NoticeTemplate template = NoticeTemplate.fromId(m.template())
                .orElseThrow(() -> new IllegalArgumentException("unknown notice template " + m.template()));
        Language language = Language.fromCode(m.language());
        return switch (channel) {
            case EMAIL -> {
                String subject = oneLine(render(template, language, SUBJECT, m));
                String html = render(template, language, HTML, m).strip() + "\n";
                String text = tidy(render(template, language, TEXT, m));
                yield new RenderedMessage(subject, html, text, null, 0, false);
            }
            case SMS -> {
                String sms = tidy(render(template, language, SMS, m)).strip();
                SmsLength length = SmsLength.of(sms);
                if (!length.fits()) {
                    throw new IllegalStateException("SMS for notice template " + template.id() + " ("
                            + language.code() + ") is " + length.characters() + " characters; Notify accepts at most "
                            + SmsLength.MAX_CHARACTERS);
                }
                yield new RenderedMessage(null, null, null, sms, length.fragments(), length.unicode());
            }
            case LETTER -> {
                if (!template.hasLetterForm()) {
                    throw new IllegalStateException("notice template " + template.id() + " has no letter form");
                }
                String subject = oneLine(render(template, language, SUBJECT, m));
                String letter = tidy(render(template, language, LETTER, m));
                yield RenderedMessage.letter(subject, letter);
            }
        };
    }

    /** Fails start-up when a template file is missing, rather than at the first notice that needs it. */
    void checkTemplates(@Observes StartupEvent start) {
        List<String> missing = missingTemplates();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("notice template files missing under templates/: " + missing);
        }
    }

    /** Template files that should exist and do not, as paths under {@code templates/}; empty when all are there. */
    public List<String> missingTemplates() {
        List<String> missing = new ArrayList<>();
        for (NoticeTemplate template : NoticeTemplate.values()) {
            for (Language language : Language.values()) {
                for (String part : parts(template)) {
                    String path = path(template, language, part);
                    if (engine.getTemplate(path) == null) {
                        missing.add(path);
                    }
                }
            }
        }
        return missing;
    }

    /** The parts a template has in each language: {@link #PARTS}, and {@link #LETTER} when it has a letter form. */
    static List<String> parts(NoticeTemplate template) {
        if (!template.hasLetterForm()) {
            return PARTS;
        }
        List<String> parts = new ArrayList<>(PARTS);
        parts.add(LETTER);
        return parts;
    }

    static String path(NoticeTemplate template, Language language, String part) {
        return "notices/" + template.id() + "/" + language.code() + "." + part;
    }

    private String render(NoticeTemplate template, Language language, String part, MessageModel m) {
        String path = path(template, language, part);
        Template qute = templates.computeIfAbsent(path, engine::getTemplate);
        if (qute == null) {
            throw new IllegalStateException("notice template file missing: templates/" + path);
        }
        return qute.data("m", m).render();
    }

    /** A subject is one line, whatever the template's line breaks. */
    private static String oneLine(String text) {
        return TextTidy.oneLine(text);
    }

    /** Trailing spaces off every line, at most one blank line in a row, no blank lines at either end. */
    private static String tidy(String text) {
        return TextTidy.lines(text);
    }

    /** Extension methods the notice templates use. */
    @TemplateExtension
    static final class Extensions {

        private Extensions() {
        }

        /** The text with its first letter in capitals: {@code {m.documentLabel.capitalised}}. */
        static String capitalised(String text) {
            if (text == null || text.isEmpty()) {
                return text;
            }
            int first = text.codePointAt(0);
            return new StringBuilder().appendCodePoint(Character.toTitleCase(first))
                    .append(text, Character.charCount(first), text.length()).toString();
        }
    }
}
