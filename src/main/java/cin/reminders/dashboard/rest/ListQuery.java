package cin.reminders.dashboard.rest;

import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.Role;
import cin.reminders.platform.pages.PageText;
import java.util.ArrayList;
import java.util.List;

/**
 * The query of a list behind a dashboard figure ({@code /dashboard/obligations}), read and written in one place: the
 * dashboard writes its figures' links with it, the list page its pagination and filter form. Null or false: any.
 *
 * @param window {@link Window#WEEK}: due up to the end of the dashboard's week (today + 7 days)
 */
public record ListQuery(String authority, String team, boolean noTeam, String owner, boolean unassigned, Role role,
                        ObligationStatus status, ObligationKind kind, Window window) {

    public static final String PATH = "/dashboard/obligations";

    /** A due-date window of the dashboard's figures. */
    public enum Window {
        /** Due up to today + 7 days, as "due this week" counts (with status OPEN: from today). */
        WEEK
    }

    public static ListQuery overdue(String authority) {
        return new ListQuery(authority, null, false, null, false, null, ObligationStatus.OVERDUE, null, null);
    }

    public static ListQuery dueThisWeek(String authority) {
        return new ListQuery(authority, null, false, null, false, null, ObligationStatus.OPEN, null, Window.WEEK);
    }

    public ListQuery withTeam(String name, boolean set) {
        return new ListQuery(authority, set ? name : null, !set, owner, unassigned, role, status, kind, window);
    }

    public ListQuery withOwner(String participantId, Role ownerRole) {
        return new ListQuery(authority, team, noTeam, participantId, participantId == null, ownerRole, status, kind, window);
    }

    /** The list's URL, at a page (from 1; the first page's number is left out). */
    public String href(int page) {
        List<String> q = new ArrayList<>();
        for (Param p : params()) {
            q.add(p.name() + "=" + PageText.encode(p.value()));
        }
        if (page > 1) {
            q.add("page=" + page);
        }
        return q.isEmpty() ? PATH : PATH + "?" + String.join("&", q);
    }

    public String href() {
        return href(1);
    }

    /** A query parameter and its value. */
    public record Param(String name, String value) {
    }

    /** The parameters set, in the order the URL names them. */
    public List<Param> params() {
        List<Param> out = new ArrayList<>();
        add(out, "authority", authority);
        add(out, "team", team);
        add(out, "noTeam", noTeam ? "true" : null);
        add(out, "owner", owner);
        add(out, "unassigned", unassigned ? "true" : null);
        add(out, "role", role == null ? null : role.name());
        add(out, "status", status == null ? null : status.name());
        add(out, "kind", kind == null ? null : kind.name());
        add(out, "window", window == null ? null : window.name().toLowerCase(java.util.Locale.ROOT));
        return out;
    }

    private static void add(List<Param> out, String name, String value) {
        if (value != null) {
            out.add(new Param(name, value));
        }
    }
}
