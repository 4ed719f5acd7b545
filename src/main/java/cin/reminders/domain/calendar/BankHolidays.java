package cin.reminders.domain.calendar;

import java.time.LocalDate;
import java.util.Set;

/** The days a region's offices are shut for bank holidays, as observed (substitute days included). */
public interface BankHolidays {

    Set<LocalDate> observedIn(int year);
}
