/**
 * The durable stores' database: the embedded SQLite file of the default ({@link EmbeddedFile}),
 * or a server's JDBC {@code DataSource} (PostgreSQL), behind one {@link Database}; the schema
 * is Flyway's migrations under {@code dev/herald/store/migration}. Infrastructure: it knows no
 * capability; each capability writes its own SQL store against {@link Database}.
 */
package dev.herald.store;
