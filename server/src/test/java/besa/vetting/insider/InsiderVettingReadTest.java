package besa.vetting.insider;

import static besa.access.TestLogins.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.AccessProfiles;
import besa.access.Role;
import besa.access.TestAccounts;
import besa.vetting.OfficerPseudonyms;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelRegister;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The insider watch applies its self-link rules to vetting reads too: a vetting officer opening the
 * personnel record of his brother (same surname and father's name) or of someone sharing his home
 * address raises FAMILY / SHARED_IDENTIFIER; opening an unrelated officer's record raises nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class InsiderVettingReadTest {
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired AccessProfiles profiles;
    @Autowired PersonnelRegister personnel;
    @Autowired VettingAccess access;
    @Autowired InsiderWatch watch;
    @Autowired InsiderSettings settings;
    @Autowired OfficerPseudonyms pseudonyms;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    private static Officer officer(String id, String given, String father, String surname, String address) {
        List<Officer.Identifier> ids = address == null ? List.of()
                : List.of(new Officer.Identifier(Officer.IdentifierKind.ADDRESS, address.toLowerCase(), address, Officer.Origin.HR));
        return new Officer(id, given, father, surname, "1984-02-01", "DVP Tiranë", "Inspektor", true, ids, List.of(), List.of());
    }

    /** Active INSIDER factor keys of the user's alert, with their via. */
    private Map<String, String> factors(String user) {
        Map<String, String> out = new HashMap<>();
        access.system(scope -> jdbc.sql("""
                select f.key, coalesce(f.evidence ->> 'via', '') from vetting_factor f join vetting_alert a on a.id = f.alert_id
                where a.origin = 'INSIDER' and a.username = ? and f.active""")
                .param(user).query((rs, n) -> out.put(rs.getString(1), rs.getString(2))).list());
        return out;
    }

    @Test
    void openingARelativesOrHousematesPersonnelRecordIsFlaggedAnUnrelatedOneIsNot() throws Exception {
        String reader = "ins.vread." + run;
        String self = "VR-" + run, brother = "VB-" + run, housemate = "VH-" + run, unrelated = "VU-" + run;
        String surname = "Çela" + run.replaceAll("[0-9]", "x");
        String home = "Rruga e Kavajës " + run.replaceAll("[0-9]", "") + " 7, Tiranë";
        access.system(scope -> {
            personnel.save(officer(self, "Ermal", "Gëzim", surname, home));
            personnel.save(officer(brother, "Shkëlzen", "Gëzim", surname, null));
            personnel.save(officer(housemate, "Drita", "Agron", "Hoxha", home));
            personnel.save(officer(unrelated, "Ilir", "Petrit", surname, null)); // same surname, another father: not a brother
            return null;
        });
        TestAccounts.ensure(jdbc, reader, Role.VETTING_OFFICER);
        profiles.linkOfficer(reader, self);
        watch.run(); // the trail so far is not this test's

        for (String id : List.of(brother, housemate, unrelated)) {
            mvc.perform(get("/api/vetting/personnel/" + id).with(user(reader, Role.VETTING_OFFICER.name()))).andExpect(status().isOk());
        }
        watch.run();

        String day = LocalDate.now(settings.zone()).toString();
        Map<String, String> f = factors(reader);
        assertThat(f).containsKey("FAMILY:" + pseudonyms.of(brother) + ":" + day);
        assertThat(f.get("FAMILY:" + pseudonyms.of(brother) + ":" + day)).isEqualTo("same surname and father's name");
        assertThat(f).containsKey("SHARED_IDENTIFIER:" + pseudonyms.of(housemate) + ":" + day);
        assertThat(f.get("SHARED_IDENTIFIER:" + pseudonyms.of(housemate) + ":" + day)).isEqualTo(home);
        assertThat(f.keySet()).noneMatch(k -> k.contains(pseudonyms.of(unrelated)));
    }
}
