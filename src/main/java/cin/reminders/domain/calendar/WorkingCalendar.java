package cin.reminders.domain.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * A council's working days: Monday to Friday, less its region's bank holidays and its own extra
 * closure days. All due-date arithmetic of POLICIES.md goes through here.
 * <p>
 * The extra closure days include those of a gov.uk bank-holiday file ({@link BankHolidayFile}) when the council
 * names one; the file covers up to its last year, beyond which only the computed bank holidays are known
 * ({@link #beyondCoverage}).
 */
public final class WorkingCalendar {

    /** The years the {@link #fingerprint()} covers: every due date the service will compute falls in them. */
    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2099;

    private final BankHolidays bankHolidays;
    private final Set<LocalDate> extraClosures;
    private final Integer coveredUntil;
    private volatile String fingerprint;

    public WorkingCalendar(BankHolidays bankHolidays, Set<LocalDate> extraClosures) {
        this(bankHolidays, extraClosures, null);
    }

    private WorkingCalendar(BankHolidays bankHolidays, Set<LocalDate> extraClosures, Integer coveredUntil) {
        this.bankHolidays = bankHolidays;
        this.extraClosures = Set.copyOf(extraClosures);
        this.coveredUntil = coveredUntil;
    }

    public static WorkingCalendar of(CalendarRegion region, Set<LocalDate> extraClosures) {
        return new WorkingCalendar(JollydayBankHolidays.of(region), extraClosures);
    }

    /** With a gov.uk bank-holiday file's days added to the computed ones, when there is a file. */
    public static WorkingCalendar of(CalendarRegion region, Set<LocalDate> extraClosures, Optional<BankHolidayFile> file) {
        if (file.isEmpty()) {
            return of(region, extraClosures);
        }
        Set<LocalDate> all = new java.util.HashSet<>(extraClosures);
        all.addAll(file.get().days());
        return new WorkingCalendar(JollydayBankHolidays.of(region), all, file.get().lastYear());
    }

    /** This calendar with more closure days (a council shutting at Christmas, say). */
    public WorkingCalendar withClosures(Set<LocalDate> more) {
        Set<LocalDate> all = new java.util.HashSet<>(extraClosures);
        all.addAll(more);
        return new WorkingCalendar(bankHolidays, all, coveredUntil);
    }

    /**
     * Whether {@code day} lies beyond the last year the council's bank-holiday file covers, so that a bank holiday
     * announced later could still move it. Never, for a calendar with no file (its bank holidays are computed only).
     */
    public boolean beyondCoverage(LocalDate day) {
        return coveredUntil != null && day != null && day.getYear() > coveredUntil;
    }

    /** The last year the bank-holiday file covers, if the council names one. */
    public Optional<Integer> coveredUntil() {
        return Optional.ofNullable(coveredUntil);
    }

    /**
     * A short digest of every weekday this calendar shuts (2000 to 2099) and of how far its bank-holiday file
     * reaches: equal for two calendars that give every due date alike. Stored with each obligation, so that a change
     * of calendar (a closure day added or removed, a new bank holiday) is found at start and the due dates it moves
     * are re-dated.
     */
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            f = digest();
            fingerprint = f;
        }
        return f;
    }

    private String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (LocalDate day = LocalDate.of(FIRST_YEAR, 1, 1); day.getYear() <= LAST_YEAR; day = day.plusDays(1)) {
                DayOfWeek dow = day.getDayOfWeek();
                if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !isWorkingDay(day)) {
                    sha.update(day.toString().getBytes(StandardCharsets.US_ASCII));
                }
            }
            sha.update(("covered-until:" + coveredUntil).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY
                && !bankHolidays.observedIn(day.getYear()).contains(day)
                && !extraClosures.contains(day);
    }

    /** The n-th working day after {@code from}, counting forward one day at a time ({@code n >= 1}). */
    public LocalDate plusWorkingDays(LocalDate from, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        LocalDate day = from;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** The n-th working day before {@code from} ({@code n >= 1}). */
    public LocalDate minusWorkingDays(LocalDate from, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        LocalDate day = from;
        int counted = 0;
        while (counted < n) {
            day = day.minusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** {@code day} if it is a working day, else the working day before it: a deadline is never a day the office is shut. */
    public LocalDate onOrBefore(LocalDate day) {
        LocalDate d = day;
        while (!isWorkingDay(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /** {@code day} if it is a working day, else the next one. */
    public LocalDate onOrAfter(LocalDate day) {
        LocalDate d = day;
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** The first working day strictly after {@code day}. */
    public LocalDate nextWorkingDay(LocalDate day) {
        return plusWorkingDays(day, 1);
    }
}
