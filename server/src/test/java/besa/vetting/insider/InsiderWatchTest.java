package besa.vetting.insider;

import static besa.access.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.AccessProfiles;
import besa.access.ApiTokens;
import besa.access.CompartmentKind;
import besa.access.Compartments;
import besa.access.Justification;
import besa.access.Role;
import besa.access.TestLogins;
import besa.access.UserAccounts;
import besa.audit.AuditStore;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelRegister;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The insider watch end to end: real accounts make real requests (entity reads, searches), the audit
 * filter records them, a run of the watch turns them into INSIDER alerts with the audit entries as
 * evidence; the vetting unit reads the queue through the API, never about itself.
 */
@SpringBootTest
@AutoConfigureMockMvc
class InsiderWatchTest {
    static final String WHY = Justification.HEADER, PURPOSE = "REASON DATA_QUALITY: insider watch tests";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired IntelStore store;
    @Autowired UserAccounts accounts;
    @Autowired ApiTokens apiTokens;
    @Autowired AccessProfiles profiles;
    @Autowired Compartments compartments;
    @Autowired PersonnelRegister personnel;
    @Autowired VettingAccess access;
    @Autowired InsiderWatch watch;
    @Autowired InsiderSettings settings;
    @Autowired AuditStore auditStore;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    /** Letters only, for names and addresses (digits would not fold into name keys). */
    final String tag = run.chars().mapToObj(c -> String.valueOf((char) (Character.isDigit(c) ? 'a' + (c - '0') : c))).reduce("", String::concat);
    final String surname = "Kras" + tag;
    final String phoneNumber = "+35569" + String.format("%07d", Math.floorMod(run.hashCode(), 10_000_000));
    final String address = "Rruga " + tag + " 12, Tirane";
    final String src = "ins-src-" + run;
    final String own = "ins-own-" + run, wife = "ins-wife-" + run, family = "ins-fam-" + run, phone = "ins-ph-" + run, home = "ins-addr-" + run;
    final String ordinary = "ins-ord-" + run, canary = "ins-can-" + run, target = "ins-target-" + run, stranger = "ins-str-" + run;
    final String officerId = "OF-" + run, vetterOfficerId = "OF2-" + run;
    final String analyst = "ins.analyst." + run, searcher = "ins.searcher." + run, member = "ins.member." + run, self = "ins.self." + run,
            busy = "ins.busy." + run, vetter = "ins.vetter." + run, subject = "ins.subject." + run, plainVetter = "ins.plainvetter." + run;
    final Map<String, String> tokens = new HashMap<>();

    @BeforeEach
    void seed() {
        store.saveSource(new Source(src, "Insider test source", "ASP", "Law 108/2014"));
        Provenance p = new Provenance(src, "r1", "ASP", "Law 108/2014", null, null, Grading.parse("B2"), Handling.H0, null);
        store.save(List.of(
                person(own, "Arben " + surname, "1980-05-12", p),
                person(wife, "Drita " + surname, null, p),
                relation(family, EntityType.Family, own, wife, p),
                new EntityRecord(phone, EntityType.Phone, List.of(new Statement(phone, "number", phoneNumber, phoneNumber, p))),
                new EntityRecord(home, EntityType.Address, List.of(new Statement(home, "full", address, address, p))),
                person(ordinary, "Besnik Ordinary" + tag, null, p),
                person(canary, "Gezim Karrem" + tag, "1975-01-01", p),
                person(target, "Target " + tag, null, p),
                person(stranger, "Arben " + surname, "1991-02-03", p))); // a namesake born another year: not him

        for (String u : List.of(analyst, searcher, member, self, busy)) accounts.upsert(u, u, "insider test password " + run, Set.of(Role.ANALYST));
        for (String u : List.of(vetter, subject, plainVetter)) accounts.upsert(u, u, "insider test password " + run, Set.of(Role.VETTING_OFFICER));
        profiles.linkOfficer(self, officerId);
        profiles.linkOfficer(subject, vetterOfficerId);
        access.system(scope -> {
            personnel.save(new Officer(officerId, "Arben", "Luan", surname, "1980-05-12", "DPP Tirane", "Inspector", true,
                    List.of(new Officer.Identifier(Officer.IdentifierKind.PHONE, phoneNumber, phoneNumber, Officer.Origin.ISSUED),
                            new Officer.Identifier(Officer.IdentifierKind.ADDRESS, address.toLowerCase(), address, Officer.Origin.HR)),
                    List.of(), List.of()));
            return null;
        });
        long op = compartments.create(CompartmentKind.OPERATION, "OP/" + run, "Operation " + run, null);
        compartments.attach(op, target);
        compartments.grant(op, member, "test");
    }

    private static EntityRecord person(String id, String name, String born, Provenance p) {
        List<Statement> s = new ArrayList<>(List.of(new Statement(id, "name", name, name, p)));
        if (born != null) s.add(new Statement(id, "birthDate", born, born, p));
        return new EntityRecord(id, EntityType.Person, s);
    }

    private static EntityRecord relation(String id, EntityType type, String from, String to, Provenance p) {
        return new EntityRecord(id, type, List.of(new Statement(id, "subject", from, from, p), new Statement(id, "object", to, to, p)));
    }

    private String token(String user) {
        return tokens.computeIfAbsent(user, u -> apiTokens.issue(u, "", u, "insider test", Duration.ofHours(1)).token());
    }

    private MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder b, String user) {
        return b.with(bearer(token(user))).header(WHY, PURPOSE);
    }

    private int read(String user, String entity) throws Exception {
        return mvc.perform(as(get("/api/entities/" + entity), user)).andReturn().getResponse().getStatus();
    }

    private void markCanary() throws Exception {
        mvc.perform(as(post("/api/vetting/insider/canaries"), vetter).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"entityId\":\"" + canary + "\",\"note\":\"decoy for the insider test\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.entityId").value(canary))
                .andExpect(jsonPath("$.decoy").value(false));
    }

    /** The audit entries of the user's requests for this target, as the trail numbers them. */
    private List<Long> entries(String user, String target) {
        auditStore.catchUpSearch();
        return jdbc.sql("select idx from audit_entry_search where actor = ? and target = ? and action = 'CONSULTATION' order by idx")
                .params(user, target).query(Long.class).list();
    }

    record Factor(String key, double weight, String summarySq, String summaryEn, JsonNode evidence, String officerId) {
        List<Long> auditEntries() {
            List<Long> out = new ArrayList<>();
            evidence.get("auditEntries").forEach(n -> out.add(n.asLong()));
            return out;
        }
    }

    /** The user's insider factors, read as the application (the tests' connection sets no vetting settings). */
    private Map<String, Factor> factors(String user) {
        Map<String, Factor> out = new HashMap<>();
        access.system(scope -> jdbc.sql("""
                select f.key, f.weight, f.summary_sq, f.summary_en, f.evidence::text, a.officer_id from vetting_factor f
                join vetting_alert a on a.id = f.alert_id where a.origin = 'INSIDER' and a.username = ? and f.active""")
                .param(user)
                .query((rs, n) -> out.put(rs.getString(1), new Factor(rs.getString(1), rs.getDouble(2), rs.getString(3), rs.getString(4),
                        JSON.readTree(rs.getString(5)), rs.getString(6))))
                .list());
        return out;
    }

    private Long alertId(String user) {
        return access.system(scope -> jdbc.sql("select id from vetting_alert where origin = 'INSIDER' and username = ?").param(user)
                .query(Long.class).optional().orElse(null));
    }

    private String today() {
        return LocalDate.now(settings.zone()).toString();
    }

    @Test
    void aCanaryLookupRaisesAnAlertWithTheAuditEntryAsEvidence() throws Exception {
        markCanary();
        assertThat(read(analyst, canary)).isEqualTo(200);
        InsiderWatch.RunNotice r = mvc.perform(as(post("/api/vetting/insider/run"), vetter)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString().transform(s -> JSON.readValue(s, InsiderWatch.RunNotice.class));
        assertThat(r.entries()).isPositive();

        Factor f = factors(analyst).get("CANARY:" + canary + ":" + today());
        assertThat(f).as("the canary factor of " + factors(analyst).keySet()).isNotNull();
        assertThat(f.weight()).isEqualTo(1.0);
        assertThat(f.auditEntries()).containsExactlyElementsOf(entries(analyst, canary)).hasSize(1);
        assertThat(f.evidence().get("rule").asString()).isEqualTo("CANARY");
        assertThat(f.evidence().get("entities").get(0).asString()).isEqualTo(canary);
        assertThat(f.summaryEn()).contains("decoy record", "Gezim Karrem" + tag, canary);
        assertThat(f.summarySq()).contains("karrem", canary);
        assertThat(f.officerId()).isNull(); // the analyst's account has no officer id
        Long id = alertId(analyst);
        double score = access.system(scope -> jdbc.sql("select score from vetting_alert where id = ?").param(id).query(Double.class).single());
        assertThat(score).isGreaterThan(0.9999); // noisy-OR of 1.0 (the writer clamps 1 - w at 1e-12)
    }

    @Test
    void aSearchWhoseResultsHoldACanaryAlertsToo() throws Exception {
        markCanary();
        mvc.perform(as(get("/api/search").param("q", "Gezim Karrem" + tag), searcher)).andExpect(status().isOk())
                .andExpect(jsonPath("$.hits[0].entityId").value(canary));
        mvc.perform(as(get("/api/search").param("q", "Besnik Ordinary" + tag), searcher)).andExpect(status().isOk());
        watch.run();

        Map<String, Factor> found = factors(searcher);
        assertThat(found).containsOnlyKeys("CANARY:" + canary + ":" + today());
        Factor f = found.values().iterator().next();
        assertThat(f.auditEntries()).containsExactlyElementsOf(entries(searcher, "Gezim Karrem" + tag));
        assertThat(f.evidence().get("search").asString()).isEqualTo("Gezim Karrem" + tag);
        assertThat(f.summaryEn()).contains("searched for");
    }

    @Test
    void ownRecordFamilyAndSharedPhoneAndAddressLookupsAreFlagged() throws Exception {
        for (String e : List.of(own, wife, phone, home, stranger, ordinary)) assertThat(read(self, e)).isEqualTo(200);
        watch.run();

        Map<String, Factor> found = factors(self);
        String day = today();
        assertThat(found).containsOnlyKeys("OWN_RECORD:" + own + ":" + day, "FAMILY:" + wife + ":" + day,
                "SHARED_IDENTIFIER:" + phone + ":" + day, "SHARED_IDENTIFIER:" + home + ":" + day);
        assertThat(found.get("OWN_RECORD:" + own + ":" + day).auditEntries()).containsExactlyElementsOf(entries(self, own));
        assertThat(found.get("FAMILY:" + wife + ":" + day).summaryEn()).contains("family relation", own);
        assertThat(found.get("SHARED_IDENTIFIER:" + phone + ":" + day).summaryEn()).contains(phoneNumber);
        assertThat(found.get("SHARED_IDENTIFIER:" + phone + ":" + day).summarySq()).contains("telefonin", phoneNumber);
        assertThat(found.values()).allSatisfy(f -> assertThat(f.officerId()).isEqualTo(officerId));
        assertThat(found.get("OWN_RECORD:" + own + ":" + day).weight()).isEqualTo(InsiderRule.OWN_RECORD.weight());
    }

    @Test
    void anOperationTargetAlertsForANonMemberNotForAMember() throws Exception {
        assertThat(read(member, target)).isEqualTo(200);
        int refused = read(analyst, target);
        watch.run();

        assertThat(factors(member)).isEmpty();
        Factor f = factors(analyst).get("OPERATION:" + target + ":" + today());
        assertThat(f).isNotNull();
        // The refused request left two entries (the request, then its DENIED outcome): both are evidence.
        assertThat(f.auditEntries()).containsExactlyElementsOf(entries(analyst, target));
        if (refused == 404) {
            assertThat(f.auditEntries()).hasSize(2);
            assertThat(f.evidence().get("denied").asInt()).isEqualTo(1);
        }
        assertThat(f.evidence().get("via").asString()).isEqualTo("OP/" + run);
        assertThat(f.summaryEn()).contains("operation OP/" + run, "without being a member");
    }

    @Test
    void unusualVolumeAndHoursAgainstTheUsersOwnHistory() throws Exception {
        // Seven earlier days of 2 or 3 lookups, never at this hour or the next (the test may cross the hour).
        int hour = ZonedDateTime.now(settings.zone()).getHour();
        int mask = 0xFFFFFF & ~(1 << hour) & ~(1 << ((hour + 1) % 24));
        LocalDate today = LocalDate.now(settings.zone());
        access.system(scope -> {
            for (int d = 1; d <= 7; d++) {
                jdbc.sql("insert into insider_activity (username, day, consultations, hours) values (?, ?, ?, ?)")
                        .params(busy, Date.valueOf(today.minusDays(d)), 2 + d % 2, mask).update();
            }
            return null;
        });
        int floor = settings.volumeFloor;
        settings.volumeFloor = 3;
        try {
            for (int i = 0; i < 5; i++) assertThat(read(busy, ordinary)).isEqualTo(200);
            watch.run();
        } finally {
            settings.volumeFloor = floor;
        }
        Map<String, Factor> found = factors(busy);
        assertThat(found).containsOnlyKeys("VOLUME:" + today, "HOURS:" + today);
        Factor volume = found.get("VOLUME:" + today);
        assertThat(volume.evidence().get("count").asInt()).isEqualTo(5);
        assertThat(volume.evidence().get("historyDays").asInt()).isEqualTo(7);
        assertThat(volume.auditEntries()).containsExactlyInAnyOrderElementsOf(entries(busy, ordinary));
        assertThat(volume.summaryEn()).contains("made 5 lookups");
        Factor hours = found.get("HOURS:" + today);
        assertThat(hours.auditEntries()).containsExactlyInAnyOrderElementsOf(entries(busy, ordinary));
        assertThat(hours.summarySq()).contains("orë");

        // The user with too little history is not judged: the analyst's many reads raise nothing of the kind.
        for (int i = 0; i < 5; i++) read(searcher, ordinary);
        watch.run();
        assertThat(factors(searcher)).isEmpty();
    }

    @Test
    void aSecondRunAddsNothing() throws Exception {
        markCanary();
        read(analyst, canary);
        InsiderWatch.RunReport first = watch.run();
        Map<String, Factor> before = factors(analyst);
        String updated = access.system(scope -> jdbc.sql("select updated_at::text from vetting_alert where id = ?").param(alertId(analyst))
                .query(String.class).single());

        InsiderWatch.RunReport second = watch.run();
        assertThat(second.from()).isEqualTo(first.to());
        assertThat(second.findings()).isZero();
        assertThat(factors(analyst).keySet()).isEqualTo(before.keySet());
        assertThat(factors(analyst).get("CANARY:" + canary + ":" + today()).auditEntries()).hasSize(1);
        String updatedAfter = access.system(scope -> jdbc.sql("select updated_at::text from vetting_alert where id = ?").param(alertId(analyst))
                .query(String.class).single());
        assertThat(updatedAfter).isEqualTo(updated);

        // A later lookup of the same canary the same day adds its entry to the same factor.
        read(analyst, canary);
        watch.run();
        assertThat(factors(analyst).get("CANARY:" + canary + ":" + today()).auditEntries()).containsExactlyElementsOf(entries(analyst, canary)).hasSize(2);
    }

    @Test
    void theSubjectNeverSeesAnInsiderAlertAboutHimself() throws Exception {
        markCanary();
        read(subject, canary);      // a vetting officer with an officer id
        read(plainVetter, canary);  // a vetting officer without one
        watch.run();
        Long aboutSubject = alertId(subject), aboutPlain = alertId(plainVetter);
        assertThat(aboutSubject).isNotNull();
        assertThat(aboutPlain).isNotNull();
        assertThat(factors(subject).values()).allSatisfy(f -> assertThat(f.officerId()).isEqualTo(vetterOfficerId));

        assertThat(queueIds(vetter)).contains(aboutSubject, aboutPlain);
        // Raised by the watch on its own (NEW), the alerts suspend nobody: nothing tips them off before a person
        // looked; each works on and still never sees his own.
        assertThat(queueIds(subject)).contains(aboutPlain).doesNotContain(aboutSubject);
        assertThat(queueIds(plainVetter)).contains(aboutSubject).doesNotContain(aboutPlain);
        // Once taken up (ASSIGNED), both are suspended from vetting work (VettingSuspensionTest) ...
        access.system(scope -> jdbc.sql("update vetting_alert set status = 'ASSIGNED', assignee = ? where id = any(?)")
                .params(vetter, new Long[] {aboutSubject, aboutPlain}).update());
        for (String u : List.of(subject, plainVetter)) {
            mvc.perform(as(get("/api/vetting/insider/alerts"), u)).andExpect(status().isForbidden());
        }
        // ... and once dismissed, each still never sees his own.
        access.system(scope -> jdbc.sql("update vetting_alert set status = 'DISMISSED', dismiss_reason = 'explained' where id = any(?)")
                .param(new Long[] {aboutSubject, aboutPlain}).update());
        assertThat(queueIds(vetter)).contains(aboutSubject, aboutPlain);
        assertThat(queueIds(subject)).contains(aboutPlain).doesNotContain(aboutSubject);
        assertThat(queueIds(plainVetter)).contains(aboutSubject).doesNotContain(aboutPlain);
    }

    private List<Long> queueIds(String user) throws Exception {
        String body = mvc.perform(as(get("/api/vetting/insider/alerts").param("all", "true").param("limit", "1000"), user)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        List<Long> ids = new ArrayList<>();
        JSON.readTree(body).forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    @Test
    void analystsGet403() throws Exception {
        mvc.perform(as(get("/api/vetting/insider/alerts"), analyst)).andExpect(status().isForbidden());
        mvc.perform(as(post("/api/vetting/insider/run"), analyst)).andExpect(status().isForbidden());
        mvc.perform(as(get("/api/vetting/insider/canaries"), analyst)).andExpect(status().isForbidden());
        mvc.perform(as(post("/api/vetting/insider/canaries"), analyst).contentType(MediaType.APPLICATION_JSON)
                .content("{\"entityId\":\"" + ordinary + "\",\"note\":\"x\"}")).andExpect(status().isForbidden());
        long marked = access.system(scope -> jdbc.sql("select count(*) from canary_record where entity_id = ?").param(ordinary).query(Long.class).single());
        assertThat(marked).isZero();
    }

    @Test
    void canariesAreMarkedOrCreatedWithANoteAndAudited() throws Exception {
        mvc.perform(as(post("/api/vetting/insider/canaries"), vetter).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"entityId\":\"" + ordinary + "\",\"note\":\"  \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("note"));
        mvc.perform(as(post("/api/vetting/insider/canaries"), vetter).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"entityId\":\"" + family + "\",\"note\":\"a relation\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("entityId"));
        markCanary();
        String body = mvc.perform(as(post("/api/vetting/insider/canaries/decoys"), vetter).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Ilir Decoy" + tag + "\",\"birthDate\":\"12.03.1979\",\"sourceId\":\"" + src + "\",\"note\":\"quick decoy\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.decoy").value(true))
                .andExpect(jsonPath("$.caption").value("Ilir Decoy" + tag))
                .andReturn().getResponse().getContentAsString();
        String decoy = JSON.readTree(body).get("entityId").asString();
        // An ordinary record to everyone else: an analyst reads it like any person, with its source.
        mvc.perform(as(get("/api/entities/" + decoy), searcher)).andExpect(status().isOk());
        assertThat(store.find(decoy).orElseThrow().statements()).extracting(Statement::prop).contains("name", "birthDate");

        mvc.perform(as(get("/api/vetting/insider/canaries"), vetter)).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.entityId == '" + canary + "')].note").value("decoy for the insider test"))
                .andExpect(jsonPath("$[?(@.entityId == '" + decoy + "')].decoy").value(true));
        auditStore.catchUpSearch();
        assertThat(jdbc.sql("select target from audit_entry_search where actor = ? and action = 'ALTERATION' order by idx").param(vetter)
                .query(String.class).list()).containsExactly("vetting/canaries: canary placed", "vetting/canaries: decoy created");

        // The analyst's read of the decoy is caught like any canary lookup.
        watch.run();
        assertThat(factors(searcher)).containsKey("CANARY:" + decoy + ":" + today());
    }

    @Test
    void pagesListTheQueueAndTheCanariesForTheVettingUnitOnly() throws Exception {
        markCanary();
        read(analyst, canary);
        watch.run();
        Long id = alertId(analyst);
        String queue = mvc.perform(get("/vetting/insider").param("lang", "en").with(TestLogins.user(vetter, "VETTING_OFFICER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(queue).contains("Insider watch", "href=\"/vetting/alerts/" + id + "\"", analyst, "decoy record");
        String canaries = mvc.perform(get("/vetting/canaries").with(TestLogins.user(vetter, "VETTING_OFFICER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(canaries).contains("Karremat", canary, "decoy for the insider test");

        mvc.perform(get("/vetting/insider").with(TestLogins.user(analyst, "ANALYST"))).andExpect(status().isForbidden());
        mvc.perform(get("/vetting/canaries").with(TestLogins.user(analyst, "ANALYST"))).andExpect(status().isForbidden());
    }

    @Test
    void pageFormsMarkACanaryRefuseAMissingNoteAndRunTheWatch() throws Exception {
        var asVetter = TestLogins.user(vetter, "VETTING_OFFICER");
        mvc.perform(post("/vetting/canaries").param("entityId", ordinary).param("note", " ").with(asVetter).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("errorKey", "insider.canary.error.note"));
        mvc.perform(post("/vetting/canaries").param("entityId", ordinary).param("note", "page test").with(asVetter).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", "insider.canary.marked"));
        long marked = access.system(scope -> jdbc.sql("select count(*) from canary_record where entity_id = ? and note = 'page test' and created_by = ?")
                .params(ordinary, vetter).query(Long.class).single());
        assertThat(marked).isEqualTo(1);

        read(analyst, ordinary);
        mvc.perform(post("/vetting/insider/run").with(asVetter).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("ran", org.hamcrest.Matchers.instanceOf(InsiderWatch.RunNotice.class)));
        assertThat(factors(analyst)).containsKey("CANARY:" + ordinary + ":" + today());

        mvc.perform(post("/vetting/canaries/" + ordinary + "/remove").with(asVetter).with(csrf()))
                .andExpect(flash().attribute("notice", "insider.canary.removed"));
        long left = access.system(scope -> jdbc.sql("select count(*) from canary_record where entity_id = ?").param(ordinary).query(Long.class).single());
        assertThat(left).isZero();
    }
}
