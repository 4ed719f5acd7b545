package cin.reminders.domain.model;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * A person or agency on a case. Carries personal data, so {@link #toString()} names only the id
 * and role: nothing here may reach a log line.
 *
 * @param address where letters reach them (CONTRACT-2 §5), or null when none is on record; stored with the rest of
 *                the participant, never returned by the API, never logged
 */
public record Participant(
        String id,
        Role role,
        String name,
        String email,
        String mobile,
        Channel preferredChannel,
        Language language,
        LocalDate dateOfBirth,
        Boolean receivesCopies,
        String withholdReason,
        boolean addressConfidential,
        String agency,
        PostalAddress address) {

    /** A participant with no postal address on record. */
    public Participant(String id, Role role, String name, String email, String mobile, Channel preferredChannel,
                       Language language, LocalDate dateOfBirth, Boolean receivesCopies, String withholdReason,
                       boolean addressConfidential, String agency) {
        this(id, role, name, email, mobile, preferredChannel, language, dateOfBirth, receivesCopies, withholdReason,
                addressConfidential, agency, null);
    }

    public Optional<String> emailAddress() {
        return Optional.ofNullable(email).filter(s -> !s.isBlank());
    }

    public Optional<String> mobileNumber() {
        return Optional.ofNullable(mobile).filter(s -> !s.isBlank());
    }

    public Optional<PostalAddress> postalAddress() {
        return Optional.ofNullable(address);
    }

    /** Age in whole years on {@code day}, if the date of birth is known. */
    public Optional<Integer> ageOn(LocalDate day) {
        return Optional.ofNullable(dateOfBirth).map(dob -> Period.between(dob, day).getYears());
    }

    @Override
    public String toString() {
        return "Participant[" + id + ", " + role + "]";
    }
}
