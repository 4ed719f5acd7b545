package bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL's raw insert rate for the rows the service wrote during the ingest run, side by side with it.
 * Copies every row out of the service's tables, then re-inserts them into a fresh schema {@code raw} with the
 * same tables and indexes (the service's Flyway migrations, applied to that schema), three ways:
 * JDBC batches of 1000 with {@code reWriteBatchedInserts} on 1 connection and on 4 connections, and COPY.
 * Each way starts from empty tables; rows/s is converted to events/s with the service's rows-per-event ratio.
 * The copy is written as the owner (bench), which row-level security (V9) does not restrict: the raw rate has no policy checks.
 * <p>{@code --jdbc URL --events N --migrations DIR [--service-role cin_service]}
 */
public final class RawInsert {

    /** A table's columns and its rows in COPY text format, with the offset where each line starts. */
    record Table(String name, List<String> columns, byte[] copy, int[] lineStarts) {
        int size() {
            return lineStarts.length;
        }

        /** Row {@code r}'s fields, COPY escapes undone ({@code \N} is null). */
        String[] row(int r) {
            int from = lineStarts[r];
            int end = from;
            while (copy[end] != '\n') {
                end++;
            }
            String[] out = new String[columns.size()];
            StringBuilder f = new StringBuilder();
            int col = 0;
            boolean isNull = false;
            for (int i = from; i <= end; i++) {
                byte b = copy[i];
                if (b == '\t' || i == end) {
                    out[col++] = isNull ? null : f.toString();
                    f.setLength(0);
                    isNull = false;
                } else if (b == '\\') {
                    byte n = copy[++i];
                    switch (n) {
                        case 'N' -> isNull = true;
                        case 'n' -> f.append('\n');
                        case 't' -> f.append('\t');
                        case 'r' -> f.append('\r');
                        case 'b' -> f.append('\b');
                        case 'f' -> f.append('\f');
                        case 'v' -> f.append((char) 11);
                        default -> f.append((char) n);
                    }
                } else if (b >= 0) {
                    f.append((char) b);
                } else { // a UTF-8 sequence: decode it whole
                    int len = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
                    f.append(new String(copy, i, len, java.nio.charset.StandardCharsets.UTF_8));
                    i += len - 1;
                }
            }
            return out;
        }
    }

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        String url = a.require("jdbc");
        long events = a.getLong("events", 0);
        Path migrations = Path.of(a.require("migrations"));
        String batchUrl = url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true&stringtype=unspecified";

        List<Table> tables = new ArrayList<>();
        long rows = 0;
        try (Connection c = Db.connect(url)) {
            for (String t : IngestResult.TABLES) {
                Table table = read(c, t);
                tables.add(table);
                rows += table.size();
            }
            // A fresh schema with the service's tables and indexes.
            Db.exec(c, "drop schema if exists raw cascade");
            Db.exec(c, "create schema raw");
            Db.exec(c, "set search_path = raw");
            try (var files = Files.list(migrations)) {
                for (Path f : files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
                        .sorted((x, y) -> Integer.compare(version(x), version(y))).toList()) {
                    // Flyway's one placeholder (V9): the service's role, which bench/infra.sh makes.
                    Db.exec(c, Files.readString(f).replace("${service_role}", a.get("service-role", "cin_service")));
                }
            }
        }
        double rowsPerEvent = events > 0 ? (double) rows / events : 0;
        System.err.printf("[raw] %,d rows copied out of %d tables (%.2f rows per event)%n", rows, tables.size(), rowsPerEvent);

        ObjectNode out = Results.line("raw_insert");
        out.put("rows", rows);
        out.put("rows_per_event", rowsPerEvent);
        double b1 = timed(() -> batches(batchUrl, tables, 1), url, tables);
        double b4 = timed(() -> batches(batchUrl, tables, 4), url, tables);
        double cp = timed(() -> copy(url, tables), url, tables);
        put(out, "batch1", rows, b1, rowsPerEvent);
        put(out, "batch4", rows, b4, rowsPerEvent);
        put(out, "copy", rows, cp, rowsPerEvent);
        try (Connection c = Db.connect(url)) {
            Db.exec(c, "drop schema raw cascade");
        }
        Results.write(out);
    }

    private static int version(Path p) {
        String n = p.getFileName().toString();
        return Integer.parseInt(n.substring(1, n.indexOf("__")));
    }

    private static void put(ObjectNode out, String name, long rows, double secs, double rowsPerEvent) {
        out.put(name + "_seconds", secs);
        out.put(name + "_rows_per_s", rows / secs);
        out.put(name + "_events_per_s", rowsPerEvent > 0 ? rows / secs / rowsPerEvent : 0);
    }

    interface Work {
        void run() throws Exception;
    }

    private static double timed(Work w, String url, List<Table> tables) throws Exception {
        try (Connection c = Db.connect(url)) {
            // Empty tables (and a checkpoint, so one way's dirty pages are not the next one's bill).
            // cascade: tables outside the copied ones (V16 obligation_history) reference them; they stay empty here.
            Db.exec(c, "truncate " + String.join(", ", tables.stream().map(t -> "raw." + t.name()).toList()) + " cascade");
            Db.exec(c, "checkpoint");
        }
        long t0 = System.nanoTime();
        w.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static Table read(Connection c, String name) throws Exception {
        List<String> cols = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from public." + name + " limit 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                cols.add(md.getColumnName(i));
            }
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy public." + name + " to stdout", buf);
        byte[] bytes = buf.toByteArray();
        int lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        int[] starts = new int[lines];
        int k = 0;
        for (int i = 0; i < bytes.length && k < lines; i++) {
            if (i == 0 || bytes[i - 1] == '\n') {
                starts[k++] = i;
            }
        }
        return new Table(name, cols, bytes, starts);
    }

    /** JDBC batches of 1000, tables in foreign-key order, each table split over {@code connections}. */
    private static void batches(String url, List<Table> tables, int connections) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Connection> conns = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                Connection c = Db.connect(url);
                c.setAutoCommit(false);
                conns.add(c);
            }
            for (Table t : tables) {
                String sql = "insert into raw." + t.name() + " (" + String.join(", ", t.columns()) + ") values ("
                        + String.join(", ", t.columns().stream().map(x -> "?").toList()) + ")";
                int n = t.size();
                List<Future<?>> fs = new ArrayList<>();
                for (int k = 0; k < connections; k++) {
                    int from = (int) ((long) n * k / connections);
                    int to = (int) ((long) n * (k + 1) / connections);
                    Connection c = conns.get(k);
                    fs.add(pool.submit(() -> {
                        try (PreparedStatement ps = c.prepareStatement(sql)) {
                            int inBatch = 0;
                            for (int r = from; r < to; r++) {
                                String[] row = t.row(r);
                                for (int i = 0; i < row.length; i++) {
                                    if (row[i] == null) {
                                        ps.setNull(i + 1, Types.OTHER);
                                    } else {
                                        ps.setString(i + 1, row[i]);
                                    }
                                }
                                ps.addBatch();
                                if (++inBatch == 1000) {
                                    ps.executeBatch();
                                    c.commit(); // one transaction per batch of 1000, as a service writing batches would
                                    inBatch = 0;
                                }
                            }
                            if (inBatch > 0) {
                                ps.executeBatch();
                                c.commit();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
            }
        } finally {
            pool.shutdown();
            for (Connection c : conns) {
                c.close();
            }
        }
    }

    /** COPY, one table after another, on one connection (one transaction per table). */
    private static void copy(String url, List<Table> tables) throws Exception {
        try (Connection c = Db.connect(url)) {
            CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
            for (Table t : tables) {
                cm.copyIn("copy raw." + t.name() + " from stdin", new ByteArrayInputStream(t.copy()));
            }
        }
    }
}
