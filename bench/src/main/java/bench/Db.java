package bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** JDBC connections to the benchmark's PostgreSQL. */
final class Db {
    private Db() {
    }

    static Connection connect(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", System.getenv().getOrDefault("BENCH_PG_USER", "bench"));
        p.setProperty("password", System.getenv().getOrDefault("BENCH_PG_PASSWORD", "bench"));
        return DriverManager.getConnection(url, p);
    }

    static long scalarLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
