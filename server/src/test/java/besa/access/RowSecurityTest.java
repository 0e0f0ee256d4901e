package besa.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import besa.platform.db.DatabaseConfig;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database's second line: a role that is not a superuser, reading the compartment tables with
 * plain SQL, sees no row unless the transaction carries the settings the policy sets.
 */
@SpringBootTest
class RowSecurityTest {
    static final List<String> TABLES = List.of("compartment", "compartment_member", "compartment_entity", "restricted_entity");

    /** The application's own connections (role besa_app: neither superuser nor allowed to bypass row security). */
    @Autowired JdbcClient app;
    /** The schema owner's: creates the probe role and switches to it; sees every row. */
    @Autowired @Qualifier(DatabaseConfig.OWNER) DataSource owner;
    @Autowired Compartments compartments;
    @Autowired UserAccounts accounts;
    JdbcClient jdbc;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void withoutTheSettingsAPlainRoleSeesNoProtectedRow() {
        String member = "rls.member." + run, entity = "rls-e-" + run, vetted = "rls-v-" + run, officer = "OFF-RLS-" + run;
        accounts.upsert(member, member, "row security password " + run, java.util.Set.of(Role.ANALYST));
        long c = compartments.create(CompartmentKind.OPERATION, "OP-" + run, "Operation " + run, null);
        compartments.attach(c, entity);
        compartments.grant(c, member, "test");
        long v = compartments.create(CompartmentKind.VETTING, "VET-RLS-" + run, "Vetting " + run, officer);
        compartments.attach(v, vetted);

        jdbc = JdbcClient.create(owner);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(owner));
        tx.executeWithoutResult(s -> {
            jdbc.sql("do $$ begin if not exists (select 1 from pg_roles where rolname = 'besa_rls_probe') then "
                    + "create role besa_rls_probe nologin nosuperuser nobypassrls; end if; end $$").update();
            for (String t : TABLES) jdbc.sql("grant select on " + t + " to besa_rls_probe").update();
        });
        assertThat(jdbc.sql("select bool_and(relrowsecurity and relforcerowsecurity) from pg_class where relname = any(?)")
                .param(TABLES.toArray(String[]::new)).query(Boolean.class).single()).isTrue();

        // Nothing set: nothing seen, though the rows are there.
        assertThat(asProbe(tx, "", "", "", "select count(*) from compartment where id in (" + c + ", " + v + ")")).isZero();
        assertThat(asProbe(tx, "", "", "", "select count(*) from compartment_member where compartment_id = " + c)).isZero();
        assertThat(asProbe(tx, "", "", "", "select count(*) from compartment_entity where entity_id in ('" + entity + "', '" + vetted + "')")).isZero();
        assertThat(asProbe(tx, "", "", "", "select count(*) from restricted_entity where entity_id in ('" + entity + "', '" + vetted + "')")).isZero();
        assertThat(jdbc.sql("select count(*) from compartment where id in (" + c + ", " + v + ")").query(Long.class).single()).isEqualTo(2);
        // The application's own role is held to the same line when it does not set the settings.
        assertThat(app.sql("select count(*) from compartment where id in (" + c + ", " + v + ")").query(Long.class).single()).isZero();

        // The member's settings show his operation and its attachment, not the vetting file.
        String mine = "{" + c + "}";
        assertThat(asProbe(tx, member, mine, "", "select count(*) from compartment where id in (" + c + ", " + v + ")")).isEqualTo(1);
        assertThat(asProbe(tx, member, mine, "", "select count(*) from compartment_member where compartment_id = " + c)).isEqualTo(1);
        assertThat(asProbe(tx, member, mine, "", "select count(*) from compartment_entity where entity_id in ('" + entity + "', '" + vetted + "')")).isEqualTo(1);
        // Another user's settings do not show the operation's members or material.
        assertThat(asProbe(tx, "someone." + run, "{}", "", "select count(*) from compartment_entity where entity_id = '" + entity + "'")).isZero();
        // The subject's session finds the attachment about himself (to hide it and raise the alert), not the file.
        assertThat(asProbe(tx, "him." + run, "{}", officer, "select count(*) from compartment_entity where entity_id = '" + vetted + "'")).isEqualTo(1);
        assertThat(asProbe(tx, "him." + run, "{}", officer, "select count(*) from compartment where id = " + v)).isZero();
    }

    private long asProbe(TransactionTemplate tx, String user, String compartmentIds, String officer, String sql) {
        return tx.execute(s -> {
            jdbc.sql("select set_config('besa.user', ?, true), set_config('besa.compartments', ?, true), set_config('besa.officer', ?, true)")
                    .params(user, compartmentIds, officer).query().singleRow();
            jdbc.sql("set local role besa_rls_probe").update();
            long n = jdbc.sql(sql).query(Long.class).single();
            jdbc.sql("reset role").update();
            return n;
        });
    }
}
