package org.scopeflow.catalog.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** Runs one SQL statement on a JDBC URL: how {@code bench/catalog.sh} creates and drops its database. */
public final class AdminSql {
    private AdminSql() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: AdminSql JDBC_URL SQL");
            System.exit(2);
        }
        try (Connection c = DriverManager.getConnection(args[0]); Statement st = c.createStatement()) {
            st.execute(args[1]);
        }
    }
}
