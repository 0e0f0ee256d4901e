package besa.vetting.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import besa.vetting.VettingAccess;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelRegister;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The loader against the real database: everything arrives, the register reads back as generated, and loading again adds nothing. */
@SpringBootTest
class ScenarioLoaderTest {
    @Autowired ScenarioLoader loader;
    @Autowired PersonnelRegister register;
    @Autowired VettingAccess vetting;
    @Autowired JdbcClient jdbc;

    @Test
    void loadsOnceAndTheRegisterReadsBackAsGenerated() {
        // Not the quality test's seed, nor its block of officers' numbers (the tests share one database).
        long seed = ScreeningScenario.DEFAULT_SEED + 1 + ThreadLocalRandom.current().nextInt(48);
        ScreeningScenario s = new ScreeningScenario(seed, 60, 3_000);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        long entities0 = count("entity"), statements0 = count("statement"), leads0 = count("lead");
        assertThat(loader.isLoaded(seed, 60, 3_000)).isFalse();

        ScenarioLoader.Loaded l = loader.load(s, out);
        assertThat(count("entity") - entities0).isEqualTo(l.entities());
        assertThat(count("statement") - statements0).isEqualTo(l.statements());
        assertThat(count("lead") - leads0).isEqualTo(s.leads().size()).isEqualTo(l.leads());
        assertThat(loader.isLoaded(seed, 60, 3_000)).isTrue();
        String[] ids = s.officers().stream().map(Officer::id).toArray(String[]::new);
        assertThat(duties(ids))
                .isEqualTo(600L);

        for (Officer generated : s.officers().subList(0, 5)) {
            Officer stored = vetting.system(scope -> register.find(generated.id())).orElseThrow();
            assertThat(stored.fullName()).isEqualTo(generated.fullName());
            assertThat(stored.birthDate()).isEqualTo(generated.birthDate());
            assertThat(new HashSet<>(stored.identifiers())).isEqualTo(new HashSet<>(generated.identifiers()));
            assertThat(stored.duties()).isEqualTo(generated.duties());
            assertThat(stored.declarations()).isEqualTo(generated.declarations());
        }

        assertThat(loader.ensure(s, out)).as("a loaded scenario is not loaded again").isFalse();
        long entities1 = count("entity"), statements1 = count("statement"), leads1 = count("lead");
        loader.load(new ScreeningScenario(seed, 60, 3_000), out);
        assertThat(count("entity")).isEqualTo(entities1);
        assertThat(count("statement")).isEqualTo(statements1);
        assertThat(count("lead")).isEqualTo(leads1);
        assertThat(duties(ids))
                .as("an officer's duties are replaced, not doubled").isEqualTo(600L);
    }

    private long duties(String[] ids) {
        return vetting.system(scope -> jdbc.sql("select count(*) from officer_duty where officer_id = any(?)").param(ids).query(Long.class).single());
    }

    private long count(String table) {
        return vetting.system(scope -> jdbc.sql("select count(*) from " + table).query(Long.class).single());
    }
}
