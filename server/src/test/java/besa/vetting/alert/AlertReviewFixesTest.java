package besa.vetting.alert;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.Role;
import besa.access.TestAccounts;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.PersonnelRegister;
import besa.vetting.screening.FactorKind;
import besa.vetting.screening.Finding;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The security review's findings on alerts and the vetting gate: a dismissed alert reopens for stronger
 * evidence (and only then), a NEW alert's dismissal takes it, and the gate leaves another module's
 * transaction with the settings it found.
 */
@SpringBootTest
class AlertReviewFixesTest {
    @Autowired JdbcClient jdbc;
    @Autowired VettingAccess access;
    @Autowired PersonnelRegister register;
    @Autowired AlertWriter writer;
    @Autowired AlertDesk desk;
    @Autowired PlatformTransactionManager tm;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    AlertFixtures fx;
    String o;

    @BeforeEach
    void setUp() {
        fx = new AlertFixtures(access, register, writer);
        o = fx.officer("RV-" + run, "Ilir", "Shehu" + run, "Vlorë police");
    }

    /** A co-location factor on one cryptophone (one key) with this weight and these evidence entities. */
    private Finding colocation(double weight, String... entities) {
        return Finding.officer(o, FactorKind.COLOCATION, "COLOCATION:acc-" + run, weight, "Kriptotelefoni pranë punonjësit",
                "Cryptophone near the officer", Map.of("entities", List.of(entities), "account", "acc-" + run));
    }

    private void dismiss(long id) {
        access.system(s -> jdbc.sql("update vetting_alert set status = 'DISMISSED', dismissed_by = 'test', dismissed_at = now(), dismiss_reason = 'test' where id = ?").param(id).update());
    }

    private String status(long id) {
        return access.system(s -> jdbc.sql("select status from vetting_alert where id = ?").param(id).query(String.class).single());
    }

    private List<String> reopenReasons(long id) {
        return access.system(s -> jdbc.sql("select reason from vetting_decision where alert_id = ? and verdict = 'REOPEN' order by id")
                .param(id).query(String.class).list());
    }

    @Test
    void aDismissedAlertReopensWhenAHeldFactorGrowsClearlyStronger() {
        long id = fx.alert(o, colocation(0.3, "acc-" + run));
        dismiss(id);
        // The same findings again, or a small rise: it stays dismissed.
        assertThat(fx.merge(o, colocation(0.3, "acc-" + run)).change()).isNotEqualTo(AlertWriter.Change.REOPENED);
        assertThat(fx.merge(o, colocation(0.45, "acc-" + run)).change()).isNotEqualTo(AlertWriter.Change.REOPENED);
        assertThat(status(id)).isEqualTo("DISMISSED");
        assertThat(reopenReasons(id)).isEmpty();
        // 3 coinciding events became 40: the weight rises by far more than the threshold.
        assertThat(fx.merge(o, colocation(0.9, "acc-" + run)).change()).isEqualTo(AlertWriter.Change.REOPENED);
        assertThat(status(id)).isEqualTo("NEW");
        assertThat(reopenReasons(id)).singleElement().asString().contains("stronger evidence", "COLOCATION:acc-" + run, "0.45", "0.90");
    }

    @Test
    void aDismissedAlertReopensWhenAHeldFactorNamesNewEntitiesAndNotForTheSameOnesAgain() {
        long id = fx.alert(o, colocation(0.5, "acc-" + run, "loc-1-" + run));
        dismiss(id);
        // Same entities in another order, same weight: still dismissed.
        assertThat(fx.merge(o, colocation(0.5, "loc-1-" + run, "acc-" + run)).change()).isNotEqualTo(AlertWriter.Change.REOPENED);
        assertThat(status(id)).isEqualTo("DISMISSED");
        // A place it never named: reopened, naming the factor.
        assertThat(fx.merge(o, colocation(0.5, "acc-" + run, "loc-1-" + run, "loc-9-" + run)).change()).isEqualTo(AlertWriter.Change.REOPENED);
        assertThat(reopenReasons(id)).singleElement().asString().contains("COLOCATION:acc-" + run, "new entities");
        // Dismissed again, the same findings once more: it stays dismissed.
        dismiss(id);
        assertThat(fx.merge(o, colocation(0.5, "acc-" + run, "loc-1-" + run, "loc-9-" + run)).change()).isNotEqualTo(AlertWriter.Change.REOPENED);
        assertThat(status(id)).isEqualTo("DISMISSED");
        assertThat(reopenReasons(id)).hasSize(1);
    }

    @Test
    void dismissingANewAlertTakesIt() {
        String officer = "vo-rv-" + run;
        TestAccounts.ensure(jdbc, officer, Role.VETTING_OFFICER);
        long id = fx.alert(o, colocation(0.5, "acc-" + run));
        as(officer, () -> desk.dismiss(id, "Known duty contact", "127.0.0.1"));
        String row = access.system(s -> jdbc.sql("select status || '|' || assignee || '|' || dismissed_by from vetting_alert where id = ?")
                .param(id).query(String.class).single());
        assertThat(row).isEqualTo("DISMISSED|" + officer + "|" + officer);
    }

    @Test
    void theGateRestoresTheSettingsOfATransactionItJoined() {
        String officer = "vo-rv-gate-" + run;
        TestAccounts.ensure(jdbc, officer, Role.VETTING_OFFICER);
        TransactionTemplate outer = new TransactionTemplate(tm);
        List<String> seen = outer.execute(status -> {
            String before = setting("besa.system") + "|" + setting("besa.vetting");
            String inside = access.system(s -> setting("besa.system") + "|" + setting("besa.vetting"));
            String afterSystem = setting("besa.system") + "|" + setting("besa.vetting");
            String read = as(officer, () -> access.read(s -> setting("besa.vetting")));
            String afterRead = setting("besa.vetting");
            String write = as(officer, () -> access.write(s -> setting("besa.vetting")));
            String afterWrite = setting("besa.vetting");
            return List.of(before, inside, afterSystem, read, afterRead, write, afterWrite);
        });
        assertThat(seen).containsExactly("|", "on|on", "|", "on", "", "on", "");
    }

    /** A setting as this transaction sees it, '' when unset. */
    private String setting(String name) {
        String v = jdbc.sql("select current_setting(?, true)").param(name).query((rs, n) -> rs.getString(1)).list().getFirst();
        return v == null ? "" : v;
    }

    private static <T> T as(String username, Supplier<T> work) {
        var auth = UsernamePasswordAuthenticationToken.authenticated(username, null, List.of(new SimpleGrantedAuthority("ROLE_VETTING_OFFICER")));
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(auth);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }
}
