package io.custsync.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Says so at start-up when the service is connected to PostgreSQL as a superuser (a real PostgreSQL configured with
 * its admin account): the service needs a role that owns its schema and nothing more (README, Security).
 */
@Component
class StoreRoleCheck {

    private static final Logger log = LoggerFactory.getLogger(StoreRoleCheck.class);

    private final JdbcTemplate jdbc;
    private final QueryCatalogue queries;

    StoreRoleCheck(JdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnIfSuperuser() {
        try {
            String superuser = jdbc.query(queries.sql("current-role-if-superuser"), rs -> rs.next() ? rs.getString(1) : null);
            if (superuser != null) {
                log.warn("The service is connected to PostgreSQL as '{}', a superuser: anyone who can make it run SQL could run "
                        + "programs on the database host. Give it a role that owns its schema and nothing more (README: Security).", superuser);
            }
        } catch (DataAccessException e) {
            log.debug("Could not check the store role's privileges", e);
        }
    }
}
