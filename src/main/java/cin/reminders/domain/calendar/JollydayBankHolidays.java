package cin.reminders.domain.calendar;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * UK bank holidays from jollyday, a maintained library that computes them (Easter, substitute
 * days, one-off holidays). Computed once per year and region, then served from memory: due-date
 * arithmetic asks many times per event.
 */
public final class JollydayBankHolidays implements BankHolidays {

    private static final HolidayManager UK = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.UNITED_KINGDOM));
    private static final Map<CalendarRegion, JollydayBankHolidays> BY_REGION = new EnumMap<>(CalendarRegion.class);

    static {
        for (CalendarRegion region : CalendarRegion.values()) {
            BY_REGION.put(region, new JollydayBankHolidays(region));
        }
    }

    private final CalendarRegion region;
    private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    private JollydayBankHolidays(CalendarRegion region) {
        this.region = region;
    }

    public static BankHolidays of(CalendarRegion region) {
        return BY_REGION.get(region);
    }

    @Override
    public Set<LocalDate> observedIn(int year) {
        return byYear.computeIfAbsent(year, this::load);
    }

    private Set<LocalDate> load(int year) {
        // getDate() is the observed day (the substitute Monday), which is the day the office is shut;
        // getActualDate() would give the nominal date, e.g. a Saturday Boxing Day.
        return UK.getHolidays(Year.of(year), region.jollydaySubdivision()).stream()
                .filter(h -> h.getType() != HolidayType.OBSERVANCE)
                .map(Holiday::getDate)
                .collect(Collectors.toUnmodifiableSet());
    }
}
