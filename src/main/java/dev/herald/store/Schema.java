package dev.herald.store;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * Creates and migrates Herald's tables with Flyway: the versioned scripts under
 * {@code src/main/resources/dev/herald/store/migration}, the same for SQLite and PostgreSQL,
 * recorded in {@code herald_schema_history}. A node migrates at start; a database migrated by
 * a newer Herald is refused rather than guessed at. The folder holds a {@code flyway.location}
 * file: without it Liberty's class loader cannot list the folder, and Flyway would find no
 * migrations (so does {@code db/callback}, the callback folder Flyway always looks for).
 */
public final class Schema {
    static final String LOCATION = "classpath:dev/herald/store/migration";

    private Schema() {
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure(Schema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .table("herald_schema_history")
                // A database that already holds other tables (a shared PostgreSQL schema) is fine.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
