package besa.access;

import besa.platform.db.DatabaseConfig;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
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
 */
@Component
class TestOfficerIds {
    private final JdbcClient jdbc;

    /** The schema owner's pool: the application's role may not create triggers. */
    TestOfficerIds(@Qualifier(DatabaseConfig.OWNER) DataSource owner) {
        this.jdbc = JdbcClient.create(owner);
    }

    @EventListener(ContextRefreshedEvent.class)
    void install() {
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
