package cin.reminders.domain.calendar;

/** The UK bank-holiday regions a council can select. England and Wales share one list. */
public enum CalendarRegion {
    ENGLAND_AND_WALES("eng"),
    SCOTLAND("sct"),
    NORTHERN_IRELAND("nir");

    private final String jollydaySubdivision;

    CalendarRegion(String jollydaySubdivision) {
        this.jollydaySubdivision = jollydaySubdivision;
    }

    String jollydaySubdivision() {
        return jollydaySubdivision;
    }
}
