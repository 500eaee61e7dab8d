package org.scopeflow.catalog;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Binds an {@link Instant} as a UTC {@code OffsetDateTime} so that TIMESTAMP WITH TIME ZONE columns
 * get the same instant on H2 and PostgreSQL whatever the JVM's default time zone.
 */
final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
    InstantArgumentFactory() {
        super(Types.TIMESTAMP_WITH_TIMEZONE);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
        return (position, statement, ctx) -> statement.setObject(position, value.atOffset(ZoneOffset.UTC));
    }
}
