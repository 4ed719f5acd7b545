package cin.reminders.platform.pages;

/** A {@code govuk-tag}: the text says what the colour shows. */
public record Tag(String text, String modifier) {
}
