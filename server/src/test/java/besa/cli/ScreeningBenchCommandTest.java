package besa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.ingest.FtmDefaults;
import besa.intel.ingest.ImportOptions;
import besa.intel.ingest.ImportResult;
import besa.intel.ingest.Ingestion;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The incremental round's record goes through the real FtM import and holds the officer's number, cleaned. */
@SpringBootTest
class ScreeningBenchCommandTest {
    @Autowired Ingestion ingestion;
    @Autowired IntelStore store;

    @Test
    void theSingleRecordImportsAsAPhoneWithTheNumberInE164(@TempDir Path dir) throws Exception {
        FtmDefaults defaults = new FtmDefaults(new Source("vs-incremental-test", "test", "ASP", "test"), Grading.parse("B2"), Handling.H1);
        for (int n = 0; n < 2; n++) { // national and 00-international writing
            String id = "vs-inc-test-" + n;
            Path file = dir.resolve("r" + n + ".jsonl");
            Files.writeString(file, ScreeningBenchCommand.phoneRecord(id, "+355682000123", n), StandardCharsets.UTF_8);
            ImportResult r = ingestion.importFtm(file, "incremental.jsonl", defaults, ImportOptions.defaults());
            assertThat(r.status()).isEqualTo(ImportResult.Status.COMPLETED);
            assertThat(store.find(id).orElseThrow().statements()).anySatisfy(s -> {
                assertThat(s.prop()).isEqualTo("number");
                assertThat(s.value()).isEqualTo("+355682000123");
                assertThat(s.original()).isNotEqualTo("+355682000123");
            });
        }
    }
}
