package besa.access;

import besa.platform.db.DatabaseConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Test provisioning: a vetting officer does vetting work only when his account names the officer he is
 * ({@code app_user.officer_id}, see docs/access.md). The tests create vetting officers in many ways
 * (fixtures, tokens, raw SQL), so, as a properly provisioned account would, one created or given the
 * role without an officer id gets {@code TEST-<username>} (an id no register of the tests holds).
 * Only on insert or a change of roles: a test that clears the officer id afterwards keeps it cleared,
 * which is how the refusal of such accounts is tested.
 *
 * <p>Only ever in a throw-away test database: it refuses to install unless the server is an embedded one
 * started by the tests (loopback, data directory under the temporary directory), so a BESA_DB_URL
 * pointing at a real database fails the tests instead of leaving a trigger there; and the last context
 * using a database drops it again when it closes (contexts of the test cache share a database).
 */
@Component
class TestOfficerIds {
    private final JdbcClient jdbc;

    /** The schema owner's pool: the application's role may not create triggers. */
    TestOfficerIds(@Qualifier(DatabaseConfig.OWNER) DataSource owner) {
        this.jdbc = JdbcClient.create(owner);
    }

    /** Contexts with the trigger installed, per database (data directory and name). */
    private static final Map<String, Integer> USERS = new HashMap<>();
    private String installedIn;

    @EventListener(ContextRefreshedEvent.class)
    void install() {
        synchronized (USERS) {
            if (installedIn != null) return;
            String db = throwAwayDatabase();
            create();
            USERS.merge(db, 1, Integer::sum);
            installedIn = db;
        }
    }

    @EventListener(ContextClosedEvent.class)
    void uninstall() {
        synchronized (USERS) {
            if (installedIn == null) return;
            if (USERS.merge(installedIn, -1, Integer::sum) <= 0) {
                USERS.remove(installedIn);
                jdbc.sql("drop trigger if exists app_user_test_officer_id on app_user").update();
                jdbc.sql("drop function if exists besa_test_officer_id()").update();
            }
            installedIn = null;
        }
    }

    /** The database's key, or an exception when it is not an embedded server of the tests. */
    private String throwAwayDatabase() {
        String[] facts;
        try {
            facts = jdbc.sql("select current_setting('data_directory'), current_database(), coalesce(host(inet_server_addr()), '')")
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).single();
        } catch (RuntimeException e) {
            throw new IllegalStateException("TestOfficerIds: cannot tell whether this database is a throw-away test database;"
                    + " the tests add a trigger to app_user and run only against the embedded test database (unset BESA_DB_URL)", e);
        }
        Path dir = Path.of(facts[0]).toAbsolutePath().normalize();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        boolean loopback = facts[2].isEmpty() || facts[2].startsWith("127.") || facts[2].equals("::1");
        if (!dir.startsWith(tmp) || !loopback) {
            throw new IllegalStateException("TestOfficerIds: the database (data directory " + dir + ", server " + facts[2]
                    + ") is no embedded test database; the tests add a trigger to app_user and refuse to run here (unset BESA_DB_URL)");
        }
        return dir + "/" + facts[1];
    }

    private void create() {
        jdbc.sql("""
                create or replace function besa_test_officer_id() returns trigger language plpgsql as $$
                begin
                    if new.officer_id is null and 'VETTING_OFFICER' = any(new.roles) then
                        new.officer_id := 'TEST-' || new.username;
                    end if;
                    return new;
                end $$""").update();
        jdbc.sql("create or replace trigger app_user_test_officer_id before insert or update of roles on app_user"
                + " for each row execute function besa_test_officer_id()").update();
    }
}
