package besa.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static besa.access.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.ApiTokens;
import besa.access.Role;
import besa.access.TestTokens;
import besa.access.UserAccounts;
import besa.intel.ingest.ImportJobs;
import besa.intel.ingest.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest
@AutoConfigureMockMvc
class ImportApiTest {
    @Autowired MockMvc mvc;
    @Autowired ImportJobs jobs;
    @Autowired UserAccounts accounts;
    @Autowired ApiTokens tokens;
    String analyst, someoneElse;

    @BeforeEach
    void tokens() {
        analyst = TestTokens.accountWithToken(accounts, tokens, "import.api.analyst", Role.ANALYST);
        someoneElse = TestTokens.accountWithToken(accounts, tokens, "import.api.someone.else", Role.ANALYST);
    }

    @Test
    void importsACsvFileAsAJobAndReportsItsProgress() throws Exception {
        String run = Samples.run();
        String body = mvc.perform(multipart("/api/imports").file(csv("persons.csv")).file(mapping(run)).with(bearer(analyst)))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", startsWith("/api/imports/")))
                .andExpect(jsonPath("$.file").value("persons.csv"))
                .andReturn().getResponse().getContentAsString();
        String id = JsonMapper.builder().build().readTree(body).path("id").asString();
        assertThat(jobs.find(id).orElseThrow().await(Duration.ofMinutes(2))).isTrue();

        mvc.perform(get("/api/imports/" + id).with(bearer(analyst)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("COMPLETED"))
                .andExpect(jsonPath("$.phase").value("done"))
                .andExpect(jsonPath("$.rows").value(3))
                .andExpect(jsonPath("$.rowsImported").value(3))
                .andExpect(jsonPath("$.statementsAdded").isNumber())
                .andExpect(jsonPath("$.errors.total").value(0));
        // Another user's job is not revealed.
        mvc.perform(get("/api/imports/" + id).with(bearer(someoneElse))).andExpect(status().isNotFound());

        var export = mvc.perform(get("/api/exports/ftm").param("source", "tnp-extract-" + run).with(bearer(analyst))
                        .header("X-Besa-Justification", "CASE 2026/0001"))
                .andExpect(request().asyncStarted()).andReturn();
        mvc.perform(asyncDispatch(export))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\"schema\":\"Person\"")));
    }

    @Test
    void badRowsRollBackAndAreListedPageByPage() throws Exception {
        String run = Samples.run();
        String body = mvc.perform(multipart("/api/imports").file(csv("persons-bad.csv")).file(mapping(run)).with(bearer(analyst)))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        String id = JsonMapper.builder().build().readTree(body).path("id").asString();
        assertThat(jobs.find(id).orElseThrow().await(Duration.ofMinutes(2))).isTrue();

        mvc.perform(get("/api/imports/" + id).param("page", "1").param("size", "1").with(bearer(analyst)))
                .andExpect(jsonPath("$.state").value("ROLLED_BACK"))
                .andExpect(jsonPath("$.errors.total").value(2))
                .andExpect(jsonPath("$.errors.items.length()").value(1))
                .andExpect(jsonPath("$.errors.items[0].file").value("persons-bad.csv"))
                .andExpect(jsonPath("$.errors.items[0].row").value(4))
                .andExpect(jsonPath("$.errors.items[0].column").value("phones"))
                .andExpect(jsonPath("$.errors.items[0].reason").value(startsWith("'12': not a phone number")));
    }

    @Test
    void refusalsAreProblemDetailsSayingWhatWhereAndWhy() throws Exception {
        mvc.perform(multipart("/api/imports").file(csv("persons.csv"))
                        .file(new MockMultipartFile("mapping", "bad.yaml", "application/yaml", Samples.text("mapping-bad.yaml").getBytes(StandardCharsets.UTF_8)))
                        .with(bearer(analyst)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("The mapping cannot be used"))
                .andExpect(jsonPath("$.problems", hasItem(startsWith("entities[0].type: unknown entity type 'Persn'"))));

        // A mapping that does not fit the file's header is refused before the job starts.
        mvc.perform(multipart("/api/imports").file(new MockMultipartFile("file", "x.csv", "text/csv", "ref,name\n1,A\n".getBytes()))
                        .file(mapping(Samples.run())).with(bearer(analyst)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems", hasItem("column 'full_name' is not in the file's header [ref, name]")));

        mvc.perform(multipart("/api/imports").file(csv("persons.csv")).with(bearer(analyst)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("mapping"))
                .andExpect(jsonPath("$.detail").value("a CSV import needs a mapping (YAML)"));

        mvc.perform(get("/api/imports/no-such-job").with(bearer(analyst)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("there is no import no-such-job"));
        mvc.perform(get("/api/exports/ftm").param("source", "no-such-source").with(bearer(analyst)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/imports/x")).andExpect(status().isUnauthorized());
    }

    static MockMultipartFile csv(String name) {
        return new MockMultipartFile("file", name, "text/csv", Samples.text(name).getBytes(StandardCharsets.UTF_8));
    }

    static MockMultipartFile mapping(String run) {
        return new MockMultipartFile("mapping", "persons.yaml", "application/yaml", Samples.mappingYaml(run).getBytes(StandardCharsets.UTF_8));
    }
}
