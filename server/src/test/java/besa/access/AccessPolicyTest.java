package besa.access;

import static besa.access.TestLogins.user;
import static besa.access.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.audit.AuditOutcome;
import besa.audit.RecordedEvent;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The policy through the API and the pages, with real accounts, compartments and the audit trail. */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessPolicyTest {
    static final String WHY = Justification.HEADER, PURPOSE = "CASE 2026/0142";

    @Autowired MockMvc mvc;
    @Autowired IntelStore store;
    @Autowired UserAccounts accounts;
    @Autowired AccessProfiles profiles;
    @Autowired Compartments compartments;
    @Autowired JdbcClient jdbc;
    @Autowired ApiTokens apiTokens;
    @Autowired org.springframework.transaction.PlatformTransactionManager tm;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String open = "pol-open-" + run, secret = "pol-h3-" + run, restricted = "pol-src-" + run, casePerson = "pol-case-" + run,
            vettingFile = "pol-vet-" + run, mixed = "pol-mixed-" + run, officerRecord = "pol-officer-" + run, phone = "pol-phone-" + run, uses = "pol-uses-" + run;
    // The police source's id sorts first, so its row is on the first page of the source list.
    final String police = "0-police-" + run, liaison = "pol-liaison-" + run;
    final String officerId = "OFF-" + run, surname = "Zq" + run.replaceAll("[0-9]", "x");
    final String analyst = "pol.analyst." + run, low = "pol.low." + run, member = "pol.member." + run, officer = "pol.officer." + run,
            admin = "pol.admin." + run, auditor = "pol.auditor." + run, vetter = "pol.vetter." + run;
    final String password = "policy test password " + run;
    long caseId, vettingId;

    @BeforeAll
    void seed() {
        store.saveSource(new Source(police, "Police " + run, "ASP", "Law 108/2014"));
        store.saveSource(new Source(liaison, "Liaison only " + run, "PARTNER", "MoU"));
        List<EntityRecord> r = new ArrayList<>();
        r.add(person(open, police, Handling.H0, "Arben " + surname));
        r.add(person(secret, police, Handling.H3, "Besnik " + surname));
        r.add(person(restricted, liaison, Handling.H0, "Dritan " + surname));
        r.add(person(casePerson, police, Handling.H0, "Ilir " + surname));
        r.add(person(vettingFile, police, Handling.H0, "Gentian " + surname));
        r.add(person(officerRecord, police, Handling.H0, "Officer " + surname));
        String doc = "K" + Math.abs(run.hashCode());
        r.add(new EntityRecord(mixed, EntityType.Person, List.of(new Statement(mixed, "name", "Hidden " + surname, "Hidden " + surname, prov(police, Handling.H3)),
                new Statement(mixed, "idNumber", doc, doc, prov(police, Handling.H0)))));
        r.add(new EntityRecord(phone, EntityType.Phone, List.of(new Statement(phone, "number", "+355690000001", "069 000 0001", prov(police, Handling.H0)))));
        r.add(new EntityRecord(uses, EntityType.Uses, List.of(new Statement(uses, "subject", casePerson, casePerson, prov(police, Handling.H0)),
                new Statement(uses, "object", phone, phone, prov(police, Handling.H0)))));
        store.save(r);
        profiles.restrictSource(liaison, Set.of(Role.LIAISON_OFFICER));

        for (String u : List.of(analyst, low, member, officer, vetter)) {
            accounts.upsert(u, u, password, Set.of(u.equals(vetter) ? Role.VETTING_OFFICER : Role.ANALYST));
        }
        accounts.upsert(admin, admin, password, Set.of(Role.ADMINISTRATOR));
        accounts.upsert(auditor, auditor, password, Set.of(Role.AUDITOR));
        profiles.setClearance(low, 1);
        profiles.linkOfficer(officer, officerId);

        caseId = compartments.create(CompartmentKind.CASE, "2026/" + run, "Case " + run, null);
        compartments.attach(caseId, casePerson);
        compartments.grant(caseId, member, "test");
        vettingId = compartments.create(CompartmentKind.VETTING, "VET/" + run, "Vetting " + run, officerId);
        compartments.attach(vettingId, vettingFile);
        compartments.grant(vettingId, vetter, "test");
        compartments.grant(vettingId, officer, "a careless grant"); // even a membership does not show a file about himself
    }

    private static Provenance prov(String source, Handling h) {
        return new Provenance(source, "r1", "ASP", "test", null, null, Grading.parse("B2"), h, null);
    }

    private static EntityRecord person(String id, String source, Handling h, String name) {
        return new EntityRecord(id, EntityType.Person, List.of(new Statement(id, "name", name, name, prov(source, h))));
    }

    final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** The user's API token, issued on first use. */
    RequestPostProcessor as(String username) {
        return bearer(tokens.computeIfAbsent(username,
                u -> apiTokens.issue(u, "", u, "policy test", Duration.ofHours(1)).token()));
    }

    MockHttpServletRequestBuilder api(String path, String username) {
        return get(path).with(as(username)).header(WHY, PURPOSE);
    }

    MockHttpServletResponse response(String path, String username) throws Exception {
        return mvc.perform(api(path, username)).andReturn().getResponse();
    }

    @Test
    void restrictedAndMissingRecordsAnswerByteForByteAlike() throws Exception {
        // A low-clearance analyst (H1, no memberships, not a liaison officer) walks ids.
        List<String> hidden = List.of(secret, restricted, casePerson, vettingFile);
        List<String> missing = List.of("pol-none1-" + run, "pol-none2-" + run, "pol-none3-" + run, "pol-none4-" + run);
        for (String suffix : List.of("", "/neighbours")) {
            String reference = body(response("/api/entities/" + missing.getFirst() + suffix, low), missing.getFirst());
            for (String id : concat(hidden, missing)) {
                MockHttpServletResponse res = response("/api/entities/" + id + suffix, low);
                assertThat(res.getStatus()).as(id + suffix).isEqualTo(404);
                assertThat(res.getContentType()).isEqualTo("application/problem+json");
                assertThat(res.getHeaderNames()).isEqualTo(response("/api/entities/" + missing.getLast() + suffix, low).getHeaderNames());
                assertThat(body(res, id)).as(id + suffix).isEqualTo(reference);
            }
        }
        // The open record is there for him, and for an analyst of full clearance the H3 one too.
        assertThat(response("/api/entities/" + open, low).getStatus()).isEqualTo(200);
        assertThat(response("/api/entities/" + secret, analyst).getStatus()).isEqualTo(200);
    }

    private static String body(MockHttpServletResponse res, String id) throws Exception {
        return res.getContentAsString().replace(id, "{id}");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void searchNeitherShowsNorCountsWhatTheUserMayNotSee() throws Exception {
        mvc.perform(api("/api/search?q=" + surname, analyst)).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(4)) // open, secret, mixed, officer record; not the restricted source, case or vetting file
                .andExpect(jsonPath("$.hits[*].entityId").value(org.hamcrest.Matchers.containsInAnyOrder(open, secret, mixed, officerRecord)));
        mvc.perform(api("/api/search?q=" + surname, low)).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(api("/api/search?q=" + surname, member)).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(5));
        mvc.perform(api("/api/entities?type=Person&source=" + police, low)).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(3)); // open, officer record, and mixed through its H0 document
        mvc.perform(api("/api/sources?size=100", analyst)).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.hasItem(police)))
                .andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(liaison))));
    }

    @Test
    void aValueAboveTheClearanceShowsNowhereNotEvenAsACaption() throws Exception {
        String doc = "K" + Math.abs(run.hashCode());
        String detail = response("/api/entities/" + mixed, low).getContentAsString();
        assertThat(detail).contains(doc).doesNotContain("Hidden");
        String hits = response("/api/search?q=" + doc, low).getContentAsString();
        assertThat(hits).contains(mixed).doesNotContain("Hidden");
        // Nor does the hidden name find the entity.
        mvc.perform(api("/api/search?q=Hidden " + surname, low))
                .andExpect(jsonPath("$.hits[*].entityId").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(mixed))));
        assertThat(response("/api/entities?type=Person&source=" + police + "&size=100", low).getContentAsString()).doesNotContain("Hidden");
        assertThat(response("/api/entities/" + mixed, analyst).getContentAsString()).contains("Hidden " + surname);
    }

    @Test
    void sourceCountsIncludeOnlyWhatTheUserMayRead() throws Exception {
        // The police source holds 10 active statements: 2 of them on case or vetting material, 2 at H3.
        String count = "$.items[?(@.id == '" + police + "')].statements";
        mvc.perform(api("/api/sources", analyst)).andExpect(jsonPath(count).value(8));
        mvc.perform(api("/api/sources", member)).andExpect(jsonPath(count).value(9));
        mvc.perform(api("/api/sources", low)).andExpect(jsonPath(count).value(6));
    }

    @Test
    void rolesWithoutIntelligenceReadNothingAndAdministratorsOnlyWithBreakGlass() throws Exception {
        for (String u : List.of(auditor, admin)) {
            mvc.perform(api("/api/search?q=" + surname, u)).andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));
            assertThat(response("/api/entities/" + open, u).getStatus()).isEqualTo(404);
            mvc.perform(api("/api/sources", u)).andExpect(jsonPath("$.total").value(0));
        }
        // A real break-glass grant, requested and ended through its API.
        String grant = mvc.perform(post("/api/break-glass").with(as(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"INCIDENT_RESPONSE\",\"justification\":\"policy test\",\"minutes\":5}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String id = grant.replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1");
        assertThat(response("/api/entities/" + open, admin).getStatus()).isEqualTo(200);
        assertThat(response("/api/entities/" + casePerson, admin).getStatus()).isEqualTo(200); // need-to-know waived
        mvc.perform(post("/api/break-glass/" + id + "/end").with(as(admin))).andExpect(status().isOk());
        assertThat(response("/api/entities/" + open, admin).getStatus()).isEqualTo(404); // ended: gone on the next request
    }

    private void asSystem(String sql, Object... params) {
        new org.springframework.transaction.support.TransactionTemplate(tm).executeWithoutResult(t -> {
            jdbc.sql("select set_config('besa.system', 'on', true)").query().singleRow();
            jdbc.sql(sql).params(params).update();
        });
    }

    @Test
    void breakGlassWaivesNeedToKnowButNeitherTheOfficerIdBarNorASuspension() throws Exception {
        String glass = "pol.glass." + run;
        accounts.upsert(glass, glass, password, Set.of(Role.ADMINISTRATOR));
        mvc.perform(post("/api/break-glass").with(as(glass)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"INCIDENT_RESPONSE\",\"justification\":\"policy test\",\"minutes\":5}"))
                .andExpect(status().isCreated());
        // Without an officer id nothing keeps his own file from him: no vetting file, though need-to-know is waived.
        assertThat(response("/api/entities/" + casePerson, glass).getStatus()).isEqualTo(200);
        assertThat(response("/api/entities/" + vettingFile, glass).getStatus()).isEqualTo(404);
        String own = "OFF-G-" + run;
        asSystem("insert into officer (id, given_name, surname) values (?, 'Glass', 'Admin')", own);
        profiles.linkOfficer(glass, own);
        assertThat(response("/api/entities/" + vettingFile, glass).getStatus()).isEqualTo(200);
        // The subject of vetting work someone has taken up: suspended, break-glass or not.
        asSystem("insert into vetting_alert (origin, officer_id, score, status, assignee) values ('SCREENING', ?, 0.8, 'ASSIGNED', ?)", own, vetter);
        assertThat(response("/api/entities/" + vettingFile, glass).getStatus()).isEqualTo(404);
        assertThat(response("/api/entities/" + casePerson, glass).getStatus()).isEqualTo(200);
    }

    @Test
    void anOfficerNeverSeesHisOwnVettingFileAndTheAttemptRaisesAnAlert() throws Exception {
        assertThat(response("/api/entities/" + vettingFile, vetter).getStatus()).isEqualTo(200);
        long before = auditSize();
        String missingId = "pol-none-" + run;
        MockHttpServletResponse own = response("/api/entities/" + vettingFile, officer);
        MockHttpServletResponse none = response("/api/entities/" + missingId, officer);
        assertThat(own.getStatus()).isEqualTo(404);
        assertThat(body(own, vettingFile)).isEqualTo(body(none, missingId));
        assertThat(own.getHeaderNames()).isEqualTo(none.getHeaderNames());
        List<RecordedEvent> events = auditSince(before);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo(officer);
            assertThat(e.event().action()).isEqualTo(AuditAction.SECURITY_ALERT);
            assertThat(e.event().target()).isEqualTo(vettingFile);
        });
        assertThat(events).noneSatisfy(e -> {
            assertThat(e.event().action()).isEqualTo(AuditAction.SECURITY_ALERT);
            assertThat(e.event().target()).isEqualTo(missingId);
        });
        // Nor does it surface in his searches.
        mvc.perform(api("/api/search?q=Gentian " + surname, officer)).andExpect(status().isOk())
                .andExpect(jsonPath("$.hits[*].entityId").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(vettingFile))));
        mvc.perform(api("/api/search?q=Gentian " + surname, vetter))
                .andExpect(jsonPath("$.hits[*].entityId").value(org.hamcrest.Matchers.hasItem(vettingFile)));
        // Under review, the vetting officer himself reads no vetting material and nothing above H1.
        profiles.setVettingStatus(vetter, VettingStatus.UNDER_REVIEW);
        try {
            assertThat(response("/api/entities/" + vettingFile, vetter).getStatus()).isEqualTo(404);
        } finally {
            profiles.setVettingStatus(vetter, VettingStatus.CLEARED);
        }
    }

    @Test
    void caseMaterialIsForMembersAndARevokedMemberLosesItOnTheNextRequest() throws Exception {
        String path = "/api/entities/" + casePerson;
        long before = auditSize();
        assertThat(response(path, analyst).getStatus()).isEqualTo(404);
        assertThat(auditSince(before)).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo(analyst);
            assertThat(e.event().target()).isEqualTo(casePerson);
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(e.event().justification()).isEqualTo(PURPOSE);
        });
        String guest = "pol.guest." + run;
        accounts.upsert(guest, guest, password, Set.of(Role.ANALYST));
        compartments.grant(caseId, guest, "test");
        mvc.perform(api(path, guest)).andExpect(status().isOk()).andExpect(jsonPath("$.relations[0].otherId").value(phone));
        compartments.revoke(caseId, guest);
        assertThat(response(path, guest).getStatus()).isEqualTo(404);
        // The phone itself is not in the case, but its relation to the case's person is.
        mvc.perform(api("/api/entities/" + phone, guest)).andExpect(status().isOk()).andExpect(jsonPath("$.relations.length()").value(0));
    }

    @Test
    void personSearchesAndRecordsNeedAJustification() throws Exception {
        mvc.perform(get("/api/search?q=" + surname).with(as(analyst))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.header").value(WHY))
                .andExpect(jsonPath("$.format").value(Justification.FORMAT))
                .andExpect(jsonPath("$.type").value("urn:besa:problem:justification-required"));
        mvc.perform(get("/api/entities/" + open).with(as(analyst))).andExpect(status().isBadRequest());
        mvc.perform(get("/api/search?q=069 000 0001&type=Phone").with(as(analyst))).andExpect(status().isOk());
        mvc.perform(get("/api/entities/" + phone).with(as(analyst))).andExpect(status().isOk());
        mvc.perform(get("/api/search?q=" + surname).with(as(analyst)).header(WHY, "REASON GOSSIP: curious"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("GOSSIP")));
        mvc.perform(get("/api/search?q=" + surname).with(as(analyst)).header(WHY, "reason intel_analysis: weekly review"))
                .andExpect(status().isOk());
        // A hidden person answers 404 before any question of justification.
        assertThat(mvc.perform(get("/api/entities/" + casePerson).with(as(analyst))).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void pagesAskForThePurposeOnceAndRecordIt() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/entities/" + open).session(session).with(user(analyst)))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/purpose?next=/entities/" + open));
        mvc.perform(get("/search").param("q", surname).session(session).with(user(analyst)))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/purpose").session(session).with(user(analyst))
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                        .param("kind", "REASON").param("reason", "INTEL_ANALYSIS").param("text", "weekly review").param("next", "/entities/" + open))
                .andExpect(redirectedUrl("/entities/" + open));
        long before = auditSize();
        String html = mvc.perform(get("/entities/" + open).session(session).with(user(analyst)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("REASON INTEL_ANALYSIS: weekly review");
        assertThat(auditSince(before)).anySatisfy(e -> {
            assertThat(e.event().target()).isEqualTo(open);
            assertThat(e.event().justification()).isEqualTo("REASON INTEL_ANALYSIS: weekly review");
        });
        // An open redirect is refused: the purpose page goes home instead.
        mvc.perform(post("/purpose").session(session).with(user(analyst))
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                        .param("kind", "CASE").param("reference", "2026/0142").param("next", "//evil.example"))
                .andExpect(redirectedUrl("/"));
        // The page for a hidden person is the not-found page, purpose or not.
        mvc.perform(get("/entities/" + casePerson).session(session).with(user(analyst))).andExpect(status().isNotFound());
    }

    long auditSize() {
        return jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
    }

    List<RecordedEvent> auditSince(long from) {
        return jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(from)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1))).list();
    }

    @Test
    void aPrincipalWithoutAnAccountReadsNothingWhateverItsAuthorities() {
        var ghost = org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated("ghost." + run, null,
                java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(Role.ANALYST.authority())));
        var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
        context.setAuthentication(ghost);
        org.springframework.security.core.context.SecurityContextHolder.setContext(context);
        try {
            assertThat(policy.scope().readsNothing()).isTrue();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }

    @Autowired AccessPolicy policy;

    @Test
    void aNeighbourhoodWithAPersonNeedsAJustificationWhateverItsCentre() throws Exception {
        String phone2 = "pol-phone2-" + run, uses2 = "pol-uses2-" + run, lonely = "pol-lonely-" + run, own = "pol-nb-" + run;
        store.saveSource(new Source(own, "Neighbourhood test " + run, "ASP", "Law 108/2014"));
        store.save(List.of(
                new EntityRecord(phone2, EntityType.Phone, List.of(new Statement(phone2, "number", "+355690000002", "069 000 0002", prov(own, Handling.H0)))),
                new EntityRecord(uses2, EntityType.Uses, List.of(new Statement(uses2, "subject", open, open, prov(own, Handling.H0)),
                        new Statement(uses2, "object", phone2, phone2, prov(own, Handling.H0)))),
                new EntityRecord(lonely, EntityType.Phone, List.of(new Statement(lonely, "number", "+355690000003", "069 000 0003", prov(own, Handling.H0))))));
        // The phone's neighbourhood lists the person Arben: a purpose is needed.
        for (String centre : List.of(phone2)) {
            mvc.perform(api("/api/entities/" + centre + "/neighbours", analyst)).andExpect(status().isOk())
                    .andExpect(jsonPath("$.nodes[?(@.id == '" + open + "')]").exists());
            mvc.perform(get("/api/entities/" + centre + "/neighbours").with(as(analyst))).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("urn:besa:problem:justification-required"));
        }
        mvc.perform(get("/entities/" + phone2 + "/graph.json").with(user(analyst, "ANALYST"))).andExpect(status().isBadRequest());
        mvc.perform(get("/entities/" + phone2 + "/graph.json").with(user(analyst, "ANALYST")).header(WHY, PURPOSE)).andExpect(status().isOk());
        // No person in sight: no purpose asked.
        mvc.perform(get("/api/entities/" + lonely + "/neighbours").with(as(analyst))).andExpect(status().isOk());
        mvc.perform(get("/entities/" + lonely + "/graph.json").with(user(analyst, "ANALYST"))).andExpect(status().isOk());
    }
}
