package cin.reminders.domain.calendar;

/** The UK bank-holiday regions a council can select. England and Wales share one list. */
public enum CalendarRegion {
    ENGLAND_AND_WALES("eng", "england-and-wales"),
    SCOTLAND("sct", "scotland"),
    NORTHERN_IRELAND("nir", "northern-ireland");

    private final String jollydaySubdivision;
    private final String govUkDivision;

    CalendarRegion(String jollydaySubdivision, String govUkDivision) {
        this.jollydaySubdivision = jollydaySubdivision;
        this.govUkDivision = govUkDivision;
    }

    /** The region's division in gov.uk's {@code bank-holidays.json}. */
    public String govUkDivision() {
        return govUkDivision;
    }

    String jollydaySubdivision() {
        return jollydaySubdivision;
    }
}
