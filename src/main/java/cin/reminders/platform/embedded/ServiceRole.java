package cin.reminders.platform.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The service's own database role on a database this process set up (the embedded one, and the tests' own): a login
 * role that owns nothing and may not bypass row-level security. The migrations run as the database's owner and grant
 * it what it runs (V9); in production an operator creates it (docs/OPERATIONS.md, "Database roles").
 */
public final class ServiceRole {

    /** The service's role on databases set up here, and its password (these databases trust local logins). */
    public static final String NAME = "cin_service";
    public static final String PASSWORD = "cin_service";

    private ServiceRole() {
    }

    /** Creates the role if it is not there yet, connecting as {@code owner}. */
    public static void ensure(String jdbcUrl, String owner, String ownerPassword) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, owner, ownerPassword);
             Statement s = c.createStatement()) {
            s.execute("""
                    do $$ begin
                        if not exists (select 1 from pg_roles where rolname = '%s') then
                            create role %s login password '%s' nosuperuser nocreatedb nocreaterole nobypassrls;
                        end if;
                    end $$""".formatted(NAME, NAME, PASSWORD));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the service's database role " + NAME, e);
        }
    }
}
