package besa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import besa.access.Role;
import besa.access.TestAccounts;
import org.springframework.test.web.servlet.MockMvc;

/** The pages' server side without a browser: what is rendered, in which language, with which status. */
@SpringBootTest
@AutoConfigureMockMvc
// Both factors passed (password and TOTP), as every page behind the sign-in requires.
@WithMockUser(authorities = {"ROLE_ANALYST", "FACTOR_PASSWORD", "FACTOR_TOTP"})
class PagesTest {
    @Autowired MockMvc mvc;
    @Autowired IntelStore store;
    @Autowired JdbcClient jdbc;
    static final String WHY = "X-Besa-Justification", PURPOSE = "REASON DATA_QUALITY: page tests";

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String person = "pt-p-" + run, phone = "pt-ph-" + run, uses = "pt-u-" + run;

    @BeforeEach
    void seed() {
        TestAccounts.ensure(jdbc, "user", Role.ANALYST); // @WithMockUser's name: every request re-reads the account
        store.saveSource(new Source("pt-src-" + run, "Test source", "ASP", "Law 108/2014"));
        Provenance p = new Provenance("pt-src-" + run, "r1", "ASP", "Law 108/2014", null, null, Grading.parse("C3"), Handling.H3, null);
        store.save(List.of(
                new EntityRecord(person, EntityType.Person, List.of(new Statement(person, "name", "Besnik Test", "Besnik Test", p))),
                new EntityRecord(phone, EntityType.Phone, List.of(new Statement(phone, "number", "+355691112233", "069 111 2233", p))),
                new EntityRecord(uses, EntityType.Uses, List.of(new Statement(uses, "subject", person, person, p),
                        new Statement(uses, "object", phone, phone, p)))));
    }

    @Test
    void entityPageShowsValuesWithProvenanceInAlbanianByDefault() throws Exception {
        String html = mvc.perform(get("/entities/" + phone)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("<title>069 111 2233 (Telefon) · Besa</title>", "lang=\"sq\"", "+355691112233", "siç u dha: 069 111 2233", ">C3<", "H3", "e kufizuar",
                "pt-src-" + run, "Përdoret nga", "Besnik Test");
    }

    @Test
    void relationPagesLinkBothEnds() throws Exception {
        String html = mvc.perform(get("/entities/" + uses).cookie(new Cookie("besa-lang", "en"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("<h1>Besnik Test → 069 111 2233</h1>", "href=\"/entities/" + person + "\"", ">Besnik Test<", "href=\"/entities/" + phone + "\"");
    }

    @Test
    void graphJsonHasTheEntityAndItsNeighbours() throws Exception {
        mvc.perform(get("/entities/" + person + "/graph.json").param("lang", "en").header(WHY, PURPOSE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nodes.length()").value(2))
                .andExpect(jsonPath("$.nodes[0].data.id").value(person))
                .andExpect(jsonPath("$.nodes[0].data.center").value(true))
                .andExpect(jsonPath("$.edges[0].data.source").value(person))
                .andExpect(jsonPath("$.edges[0].data.target").value(phone))
                .andExpect(jsonPath("$.edges[0].data.label").value("Use"));
        mvc.perform(get("/entities/nope-" + run + "/graph.json")).andExpect(status().isNotFound());
    }

    @Test
    void unknownEntityIsA404InTheReadersLanguage() throws Exception {
        mvc.perform(get("/entities/nope-" + run)).andExpect(status().isNotFound())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Nuk u gjet")));
        mvc.perform(get("/entities/nope-" + run).param("lang", "en")).andExpect(status().isNotFound())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Not found")));
    }

    @Test
    void languageLinksKeepTheSearch() throws Exception {
        String html = mvc.perform(get("/search?q=Besnik&type=Person").header(WHY, PURPOSE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("href=\"/search?q=Besnik&amp;type=Person&amp;lang=en\"");
    }

    @Test
    void htmxGetsOnlyTheResultsAndPlainGetTheWholePage() throws Exception {
        String fragment = mvc.perform(get("/search").param("q", "Besnik").header("HX-Request", "true").header(WHY, PURPOSE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fragment).contains("id=\"results-body\"").doesNotContain("<html", "<form");
        String page = mvc.perform(get("/search").param("q", "Besnik").header(WHY, PURPOSE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<html", "role=\"search\"", "id=\"results-body\"");
    }

    @Test
    void badFiltersAndOverlongTextAreExplainedNotFailed() throws Exception {
        mvc.perform(get("/search").param("q", "x").param("type", "Spaceship").param("lang", "en"))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("One of the filters is not valid")));
        mvc.perform(get("/search").param("q", "x".repeat(500)).param("lang", "en"))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("too long")));
    }
}
