package besa.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static besa.access.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.ApiTokens;
import besa.access.Role;
import besa.access.TestTokens;
import besa.access.UserAccounts;
import besa.intel.search.SearchFixture;
import besa.intel.store.IntelStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {
    @Autowired MockMvc mvc;
    @Autowired IntelStore store;
    @Autowired UserAccounts accounts;
    @Autowired ApiTokens tokens;
    final SearchFixture f = new SearchFixture();
    final String user = "api.analyst." + f.run;
    String token;

    @BeforeAll
    void seed() {
        f.save(store);
        token = TestTokens.accountWithToken(accounts, tokens, user, Role.ANALYST);
    }

    RequestPostProcessor analyst() {
        return bearer(token);
    }

    MockHttpServletRequestBuilder api(String path) {
        return get(path).with(analyst()).accept(MediaType.APPLICATION_JSON).header("X-Besa-Justification", "REASON INTEL_ANALYSIS: API test");
    }

    @Test
    void nothingWithoutCredentials() throws Exception {
        for (String path : new String[] {"/api/search?q=Hoxha", "/api/entities", "/api/entities/" + f.arben,
                "/api/entities/" + f.arben + "/neighbours", "/api/sources", "/api/openapi"}) {
            mvc.perform(get(path)).andExpect(status().isUnauthorized());
            mvc.perform(get(path).with(bearer(token.substring(0, token.length() - 1)))).andExpect(status().isUnauthorized());
        }
    }

    @Test
    void searchReturnsRankedHitsWithReasons() throws Exception {
        mvc.perform(api("/api/search").param("q", "Хоџа Арбен").param("source", f.police).param("source", f.partner).param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(4))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.hits.length()").value(2))
                .andExpect(jsonPath("$.hits[*].entityId", hasItem(f.arben)))
                .andExpect(jsonPath("$.hits[0].type").value("Person"))
                .andExpect(jsonPath("$.hits[0].reasons[0].code").exists());
        mvc.perform(api("/api/search").param("q", "0" + f.national).param("type", "Phone,Device"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hits[0].entityId").value(f.phone))
                .andExpect(jsonPath("$.hits[0].reasons[0].code").value("phone"))
                .andExpect(jsonPath("$.hits[0].reasons[0].args[0]").value("+355" + f.national));
        mvc.perform(api("/api/search").param("q", "Arben Hoxha").param("source", f.partner, f.police).param("maxHandling", "H1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hits[*].entityId", not(hasItem(f.partnerArben))));
    }

    @Test
    void badParametersAreProblemDetailsSayingWhatWhereAndWhy() throws Exception {
        mvc.perform(api("/api/search").param("q", "Hoxha").param("type", "Spaceship"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.parameter").value("type"))
                .andExpect(jsonPath("$.value").value("Spaceship"))
                .andExpect(jsonPath("$.detail", containsString("unknown entity type")))
                .andExpect(jsonPath("$.trace").doesNotExist());
        mvc.perform(api("/api/search").param("q", "Hoxha").param("maxHandling", "H9"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("maxHandling"));
        mvc.perform(api("/api/search").param("q", "Hoxha").param("size", "1000"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("size"))
                .andExpect(jsonPath("$.detail", containsString("between 1 and 100")));
        mvc.perform(api("/api/search").param("q", "Hoxha").param("page", "abc"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("page"))
                .andExpect(jsonPath("$.value").value("abc"));
        mvc.perform(api("/api/search"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("q"));
        mvc.perform(api("/api/search").param("q", "   "))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("q"));
        mvc.perform(api("/api/entities").param("page", "-1"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("page"));
        mvc.perform(api("/api/sources").param("size", "0"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("size"));
    }

    @Test
    void unknownIdsAre404ProblemDetails() throws Exception {
        mvc.perform(api("/api/entities/missing-" + f.run))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail", containsString("missing-" + f.run)));
        mvc.perform(api("/api/entities/missing-" + f.run + "/neighbours")).andExpect(status().isNotFound());
    }

    @Test
    void entityShowsEveryValueWithProvenanceAndItsRelations() throws Exception {
        mvc.perform(api("/api/entities/" + f.arben))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("Person"))
                .andExpect(jsonPath("$.caption").value("Arben Hoxha"))
                .andExpect(jsonPath("$.properties.name[0].value").value("Arben Hoxha"))
                .andExpect(jsonPath("$.properties.name[0].provenance.source").value(f.police))
                .andExpect(jsonPath("$.properties.name[0].provenance.originator").value("ASP"))
                .andExpect(jsonPath("$.properties.name[0].provenance.evaluation").value("B2"))
                .andExpect(jsonPath("$.properties.name[0].provenance.handling").value("H0"))
                .andExpect(jsonPath("$.properties.idNumber[0].value").value(f.docNumber))
                .andExpect(jsonPath("$.relations[0].type").value("Uses"))
                .andExpect(jsonPath("$.relations[0].outgoing").value(true))
                .andExpect(jsonPath("$.relations[0].otherId").value(f.phone));
        mvc.perform(api("/api/entities/" + f.arben + "/neighbours"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.centre").value(f.arben))
                .andExpect(jsonPath("$.nodes[*].id", hasItem(f.phone)))
                .andExpect(jsonPath("$.edges[0].source").value(f.arben))
                .andExpect(jsonPath("$.edges[0].target").value(f.phone))
                .andExpect(jsonPath("$.edges[0].type").value("Uses"));
    }

    @Test
    void listsArePaged() throws Exception {
        mvc.perform(api("/api/entities").param("type", "Person").param("source", f.police).param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(4))
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[*].type", everyItem(org.hamcrest.Matchers.is("Person"))));
        mvc.perform(api("/api/entities").param("type", "Person").param("source", f.police).param("size", "2").param("page", "2"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(0)).andExpect(jsonPath("$.total").value(4));
        mvc.perform(api("/api/sources").param("size", "100"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id", hasItem(f.police)))
                .andExpect(jsonPath("$.size").value(100));
    }

    @Test
    void openApiDocumentListsTheEndpoints() throws Exception {
        mvc.perform(api("/api/openapi"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/search'].get.summary").value("Search entities"))
                .andExpect(jsonPath("$.paths['/api/entities'].get").exists())
                .andExpect(jsonPath("$.paths['/api/entities/{id}'].get.description").exists())
                .andExpect(jsonPath("$.paths['/api/entities/{id}/neighbours'].get").exists())
                .andExpect(jsonPath("$.paths['/api/sources'].get").exists())
                .andExpect(jsonPath("$.paths['/api/search'].get.parameters[*].name", hasItem("maxHandling")));
    }
}
