package besa.audit.web;

import static besa.access.TestLogins.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.Role;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The audit export's CSV: text typed by users (search text, justifications, names) never runs as a spreadsheet formula. */
@SpringBootTest
@AutoConfigureMockMvc
class AuditExportInjectionTest {
    @Autowired MockMvc mvc;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;

    @Test
    void cellsThatWouldStartAFormulaAreExportedAsText() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String actor = "officer.csv." + run;
        String auditor = "auditor.csv." + run;
        audit.record(new AuditEvent(actor, AuditAction.CONSULTATION, "=HYPERLINK(\"http://evil\",\"Arben Hoxha\")",
                "@SUM(1+1) Çela", "-Shkëlzen", AuditOutcome.SUCCESS, "+355"));
        audit.record(new AuditEvent(actor, AuditAction.CONSULTATION, "\tDritëro Çela", "\r=cmd", "Ëngjëll", AuditOutcome.SUCCESS, "10.0.0.1"));

        MvcResult started = mvc.perform(get("/api/audit/events/export?actor=" + actor + "&format=csv").with(account(jdbc, auditor, Role.AUDITOR)))
                .andExpect(request().asyncStarted()).andReturn();
        String csv = mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        var rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
        assertThat(rows).hasSize(2);
        var second = rows.get(1); // newest first
        assertThat(second.get("target")).isEqualTo("'=HYPERLINK(\"http://evil\",\"Arben Hoxha\")");
        assertThat(second.get("justification")).isEqualTo("'@SUM(1+1) Çela");
        assertThat(second.get("recipient")).isEqualTo("'-Shkëlzen");
        assertThat(second.get("client_address")).isEqualTo("'+355");
        var first = rows.get(0);
        assertThat(first.get("target")).isEqualTo("'\tDritëro Çela");
        assertThat(first.get("justification")).isEqualTo("'\r=cmd");
        assertThat(first.get("recipient")).isEqualTo("Ëngjëll");
        // No cell of the file begins a formula.
        for (var r : rows) {
            for (String cell : r.values()) assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@")
                    .doesNotStartWith("\t").doesNotStartWith("\r");
        }
    }
}
