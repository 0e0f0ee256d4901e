package besa.vetting.personnel;

import static besa.access.TestLogins.account;
import static besa.vetting.personnel.PersonnelTestSupport.example;
import static besa.vetting.personnel.PersonnelTestSupport.trailSince;
import static besa.vetting.personnel.PersonnelTestSupport.trailSize;
import static besa.vetting.personnel.PersonnelTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.Role;
import besa.vetting.lead.LeadsChanged;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Lead imports (CSV and JSON), their cleaning, dedupe and the handling codes' limit on who reads them. */
@SpringBootTest
@AutoConfigureMockMvc
@RecordApplicationEvents
class LeadImportTest {
    private static final String HEADER = "reference,originator,legal_basis,handling,platform,kind,value,attribution,entity_id\n";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEvents events;
    @Autowired besa.vetting.VettingAccess access;

    private RequestPostProcessor vetting() {
        return account(jdbc, "vetting.leads", Role.VETTING_OFFICER);
    }

    /** A vetting officer whose clearance is H1. */
    private RequestPostProcessor lowClearance() {
        RequestPostProcessor p = account(jdbc, "vetting.leads.h1", Role.VETTING_OFFICER);
        jdbc.sql("update app_user set clearance = 1 where username = 'vetting.leads.h1'").update();
        return p;
    }

    private static MockHttpServletRequestBuilder csv(String text) {
        return post("/api/vetting/leads/import").contentType("text/csv").content(text.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode json(org.springframework.test.web.servlet.ResultActions r) throws Exception {
        return JSON.readTree(r.andReturn().getResponse().getContentAsString());
    }

    @Test
    void theExampleLeadsImportCleanedAndASecondImportAddsNothing() throws Exception {
        long from = trailSize(jdbc);
        JsonNode first = json(mvc.perform(csv(example("leads.csv")).with(vetting())).andExpect(status().isOk()));
        assertThat(first.get("added").asInt() + first.get("duplicates").asInt()).isEqualTo(5);
        mvc.perform(csv(example("leads.csv")).with(vetting()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.added").value(0))
                .andExpect(jsonPath("$.duplicates").value(5));
        List<Set<Long>> published = events.stream(LeadsChanged.class).map(LeadsChanged::leadIds).toList();
        assertThat(published).hasSize(first.get("added").asInt() > 0 ? 1 : 0); // the second import published nothing

        mvc.perform(get("/api/vetting/leads").param("q", "EU-SKY-2024-0117").with(vetting()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[?(@.kind == 'PHONE')].value").value("+355691234567"))
                .andExpect(jsonPath("$.items[?(@.kind == 'PHONE')].original").value("+355 69 123 4567"))
                .andExpect(jsonPath("$.items[?(@.kind == 'IMEI')].value").value("352099001761481"))
                .andExpect(jsonPath("$.items[0].platform").value("SKY_ECC"));
        mvc.perform(get("/api/vetting/leads").param("platform", "sky ecc").param("kind", "pin").with(vetting()))
                .andExpect(jsonPath("$.items[?(@.reference == 'EU-SKY-2024-0118')].value").value("4A7F92BC"));
        mvc.perform(get("/api/vetting/leads").param("originator", "polizia di stato (it)").with(vetting()))
                .andExpect(jsonPath("$.items[?(@.reference == 'IT-DCSA-2024-12')].value").value("Arben Hoxha"))
                .andExpect(jsonPath("$.items[?(@.reference == 'IT-DCSA-2024-12')].platform").value("ANOM"));

        assertThat(trailSince(jdbc, from)).extracting(e -> e.event().action() + " " + e.event().target())
                .anySatisfy(t -> assertThat(t).startsWith("COLLECTION vetting leads import csv: rows=5 added=0 duplicates=5"))
                .anySatisfy(t -> assertThat(t).startsWith("CONSULTATION vetting leads list q=EU-SKY-2024-0117"));
    }

    @Test
    void jsonLeadsImportAndNewOnesArePublishedAfterTheCommit() throws Exception {
        String ref = unique("EU-JSON");
        String body = "[{\"reference\":\"" + ref + "\",\"originator\":\"Europol\",\"legalBasis\":\"art. 18\",\"handling\":\"h1\","
                + "\"platform\":\"encro-chat\",\"kind\":\"phone\",\"value\":\"069 765 4321\",\"attribution\":\"seized handset\"},"
                + "{\"reference\":\"" + ref + "\",\"originator\":\"Europol\",\"legalBasis\":\"art. 18\",\"handling\":\"H1\","
                + "\"kind\":\"VEHICLE\",\"value\":\"aa-123-bb\",\"attribution\":\"ANPR\",\"entityId\":\"vehicle-1\"}]";
        JsonNode r = json(mvc.perform(post("/api/vetting/leads/import").contentType(MediaType.APPLICATION_JSON).content(body).with(vetting()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.added").value(2)));
        Set<Long> ids = Set.of(r.get("newIds").get(0).asLong(), r.get("newIds").get(1).asLong());
        assertThat(events.stream(LeadsChanged.class).map(LeadsChanged::leadIds).toList()).containsExactly(ids);
        mvc.perform(get("/api/vetting/leads").param("q", ref).with(vetting()))
                .andExpect(jsonPath("$.items[?(@.kind == 'PHONE')].value").value("+355697654321"))
                .andExpect(jsonPath("$.items[?(@.kind == 'PHONE')].platform").value("ENCRO_CHAT"))
                .andExpect(jsonPath("$.items[?(@.kind == 'VEHICLE')].value").value("AA123BB"))
                .andExpect(jsonPath("$.items[?(@.kind == 'VEHICLE')].entityId").value("vehicle-1"));
        // The example JSON file through the multipart form.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/api/vetting/leads/import")
                        .file(new org.springframework.mock.web.MockMultipartFile("file", "leads.json", "application/json",
                                example("leads.json").getBytes(StandardCharsets.UTF_8)))
                        .with(vetting()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows").value(2));
    }

    @Test
    void badLeadsRefuseTheFileWithEveryProblemUnlessSkipped() throws Exception {
        String ref = unique("EU-BAD");
        String file = HEADER
                + ref + ",Europol,art. 18,H2,Sky ECC,PHONE,069 111 2222,co-location,\n"
                + ref + ",Europol,art. 18,H5,Sky ECC,SHOE,x,co-location,\n"
                + ref + ",Europol,,H1,Sky ECC,IMEI,12345,,\n";
        mvc.perform(csv(file).with(vetting()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:besa:problem:invalid-rows"))
                .andExpect(jsonPath("$.result.refused").value(2))
                .andExpect(jsonPath("$.result.problems[?(@.line == 3 && @.column == 'handling' && @.value == 'H5')]").exists())
                .andExpect(jsonPath("$.result.problems[?(@.line == 3 && @.column == 'kind' && @.value == 'SHOE')]").exists())
                .andExpect(jsonPath("$.result.problems[?(@.line == 4 && @.column == 'legal_basis')]").exists())
                .andExpect(jsonPath("$.result.problems[?(@.line == 4 && @.column == 'attribution')]").exists())
                .andExpect(jsonPath("$.result.problems[?(@.line == 4 && @.column == 'value' && @.value == '12345')]").exists());
        // Leads are readable only in vetting work or as the system (row-level security, V105).
        long stored = access.system(x -> jdbc.sql("select count(*) from lead where reference = ?").param(ref).query(Long.class).single());
        assertThat(stored).isZero();
        assertThat(events.stream(LeadsChanged.class)).isEmpty();

        mvc.perform(csv(file).param("skipInvalid", "true").with(vetting()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.added").value(1)).andExpect(jsonPath("$.refused").value(2));
        List<String> values = access.system(x -> jdbc.sql("select value from lead where reference = ?").param(ref).query(String.class).list());
        assertThat(values).containsExactly("+355691112222");

        mvc.perform(csv("reference,originator\nx,y\n").with(vetting()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:besa:problem:unusable-file"))
                .andExpect(jsonPath("$.problems.length()").value(5));
        mvc.perform(post("/api/vetting/leads/import").contentType(MediaType.APPLICATION_JSON).content("{\"not\": \"an array\"}").with(vetting()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0]").value("expected a JSON array of lead objects"));
    }

    @Test
    void aLeadIsReadOnlyUpToTheReadersClearanceAndCannotBeImportedAboveIt() throws Exception {
        String ref = unique("EU-H");
        mvc.perform(csv(HEADER + ref + ",Europol,art. 18,H3,Sky ECC,PIN,ABCD1234,contact list,\n"
                        + ref + ",Europol,art. 18,H1,Sky ECC,PIN,ABCD9999,contact list,\n").with(vetting()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.added").value(2));
        mvc.perform(get("/api/vetting/leads").param("q", ref).with(vetting()))
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/vetting/leads").param("q", ref).with(lowClearance()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].value").value("ABCD9999"));
        String page = mvc.perform(get("/vetting/leads").param("q", ref).with(lowClearance())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("ABCD9999").doesNotContain("ABCD1234");

        mvc.perform(csv(HEADER + unique("EU-H") + ",Europol,art. 18,H2,Sky ECC,PIN,FFFF0000,contact list,\n").with(lowClearance()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.result.problems[0].column").value("handling"))
                .andExpect(jsonPath("$.result.problems[0].reason").value("above your clearance (H1): you could not read it"));
    }
}
