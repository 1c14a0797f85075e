package dev.herald.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Statements with their parameters bound, for the SQL stores' work inside a {@link Database} transaction. */
public final class Sql {
    private Sql() {
    }

    /** Reads a query's rows into a value. */
    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet r) throws SQLException;
    }

    /** A statement with {@code parameters} bound in order; the caller closes it. */
    public static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            bind(s, parameters);
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Binds {@code parameters} in order: for {@link #prepare}, and for each row of a batched statement. */
    public static void bind(PreparedStatement s, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            // A typed null: PostgreSQL cannot infer the type of a bare one in every position, and
            // the stores' nullable parameters are all text.
            if (parameters[i] == null) s.setNull(i + 1, Types.VARCHAR);
            else s.setObject(i + 1, parameters[i]);
        }
    }

    /** Runs a statement; the rows it changed. */
    public static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, parameters)) {
            return s.executeUpdate();
        }
    }

    /** Runs a query and reads its rows. */
    public static <T> T query(Connection c, String sql, Rows<T> rows, Object... parameters) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, parameters); ResultSet r = s.executeQuery()) {
            return rows.read(r);
        }
    }
}
