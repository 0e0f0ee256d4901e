package besa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static besa.access.TestLogins.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.intel.ingest.ImportJobs;
import besa.intel.ingest.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import besa.access.Role;
import besa.access.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class ImportPageTest {
    @Autowired MockMvc mvc;
    @Autowired ImportJobs jobs;
    @Autowired JdbcClient jdbc;

    /** Every request re-reads the account, so the users of these tests exist in app_user. */
    @BeforeEach
    void accounts() {
        TestAccounts.ensure(jdbc, "analyst", Role.ANALYST);
        TestAccounts.ensure(jdbc, "intruder", Role.ANALYST);
    }

    @Test
    void uploadThenFollowTheJobAndReadTheErrorReport() throws Exception {
        mvc.perform(get("/import").param("lang", "sq").with(user("analyst")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Fillo importin")))
                .andExpect(content().string(containsString("enctype=\"multipart/form-data\"")));

        String location = mvc.perform(multipart("/import")
                        .file(new MockMultipartFile("file", "persons-bad.csv", "text/csv", Samples.text("persons-bad.csv").getBytes(StandardCharsets.UTF_8)))
                        .file(new MockMultipartFile("mapping", "persons.yaml", "application/yaml",
                                Samples.mappingYaml(Samples.run()).getBytes(StandardCharsets.UTF_8)))
                        .param("skipInvalid", "true").param("lang", "en").with(user("analyst")).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/import/");
        String id = location.substring("/import/".length());
        assertThat(jobs.find(id).orElseThrow().await(Duration.ofMinutes(2))).isTrue();

        mvc.perform(get(location).param("lang", "en").with(user("analyst")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Import of persons-bad.csv")))
                .andExpect(content().string(containsString("Completed")))
                .andExpect(content().string(containsString("not a phone number")))
                .andExpect(content().string(containsString("/import/" + id + "/rejects")))
                .andExpect(content().string(not(containsString("hx-trigger")))); // finished: no more polling
        mvc.perform(get(location + "/progress").param("lang", "en").with(user("analyst")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"progress\"")))
                .andExpect(content().string(not(containsString("<html"))));
        mvc.perform(get(location + "/rejects").with(user("analyst")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("TNP-102")));
        mvc.perform(get(location).with(user("intruder"))).andExpect(status().isNotFound());
    }

    @Test
    void aBadMappingIsShownOnTheForm() throws Exception {
        mvc.perform(multipart("/import")
                        .file(new MockMultipartFile("file", "persons.csv", "text/csv", Samples.text("persons.csv").getBytes(StandardCharsets.UTF_8)))
                        .file(new MockMultipartFile("mapping", "bad.yaml", "application/yaml", Samples.text("mapping-bad.yaml").getBytes(StandardCharsets.UTF_8)))
                        .param("lang", "sq").with(user("analyst")).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Importi nuk mund të fillonte")))
                .andExpect(content().string(containsString("Phone has no property &#39;colour&#39;")));
    }
}
