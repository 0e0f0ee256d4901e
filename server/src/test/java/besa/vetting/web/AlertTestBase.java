package besa.vetting.web;

import static besa.access.TestLogins.account;

import besa.access.Role;
import besa.audit.AuditCodec;
import besa.audit.RecordedEvent;
import besa.vetting.VettingAccess;
import besa.vetting.alert.AlertFixtures;
import besa.vetting.alert.AlertWriter;
import besa.vetting.personnel.PersonnelRegister;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The alert tests' world: a cleared vetting officer (the reader), a second one (to assign to), a
 * vetting officer who is himself an officer of the register (the subject), an analyst, and officers
 * with alerts, all with a suffix of their own (the database is shared between test classes).
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AlertTestBase {
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired VettingAccess access;
    @Autowired PersonnelRegister register;
    @Autowired AlertWriter writer;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String reader = "vo-" + run, colleague = "vo2-" + run, subject = "vos-" + run, analyst = "an-" + run;
    /** The officer the subject vetting officer is. */
    final String subjectOfficer = "S-" + run;
    AlertFixtures fx;

    @BeforeAll
    void accounts() {
        fx = new AlertFixtures(access, register, writer);
        account(jdbc, reader, Role.VETTING_OFFICER);
        account(jdbc, colleague, Role.VETTING_OFFICER);
        account(jdbc, subject, Role.VETTING_OFFICER);
        account(jdbc, analyst, Role.ANALYST);
        jdbc.sql("update app_user set display_name = ? where username = ?").params("Colleague " + run, colleague).update();
        jdbc.sql("update app_user set officer_id = ? where username = ?").params(subjectOfficer, subject).update();
        fx.officer(subjectOfficer, "Sokol", "Subjekti" + run, "Vetting unit");
    }

    RequestPostProcessor as(String username) {
        Role role = username.equals(analyst) ? Role.ANALYST : Role.VETTING_OFFICER;
        return account(jdbc, username, role);
    }

    long trailSize() {
        return jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
    }

    List<RecordedEvent> trailSince(long from) {
        return jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(from)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1))).list();
    }

    String alertStatus(long alertId) {
        return access.system(s -> jdbc.sql("select status from vetting_alert where id = ?").param(alertId).query(String.class).single());
    }

    /** A vetting officer takes the alert up (ASSIGNED): from then on it suspends its subject (V181). */
    void takeUp(long id) {
        access.system(s -> jdbc.sql("update vetting_alert set status = 'ASSIGNED', assignee = ? where id = ?").params(reader, id).update());
    }
}
