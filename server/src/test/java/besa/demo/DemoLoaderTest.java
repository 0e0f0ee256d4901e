package besa.demo;

import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.store.EntityView;
import besa.intel.store.IntelStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class DemoLoaderTest {
    @Autowired DemoLoader loader;
    @Autowired IntelStore store;
    @Autowired JdbcClient jdbc;

    @Test
    void loadsTheSmallScenarioOnceAndASecondLoadAddsNothing() {
        long seed = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 64); // ids derive from the seed: no clash with other tests
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        long entities0 = count("entity"), statements0 = count("statement");
        assertThat(loader.isLoaded(seed, DemoSize.SMALL)).isFalse();

        ScenarioGenerator.Summary summary = loader.load(seed, DemoSize.SMALL, out);
        long entities1 = count("entity"), statements1 = count("statement");
        assertThat(entities1 - entities0).isEqualTo(summary.entities());
        assertThat(statements1 - statements0).isEqualTo(summary.statements());
        assertThat(loader.isLoaded(seed, DemoSize.SMALL)).isTrue();
        assertThat(loader.loadedSize(seed)).contains(DemoSize.SMALL);

        loader.load(seed, DemoSize.SMALL, out);
        assertThat(count("entity")).isEqualTo(entities1);
        assertThat(count("statement")).isEqualTo(statements1);

        // An officer linked to a group reads back with his provenance and his phone as a neighbour.
        OfficerLink link = new ScenarioGenerator(seed, DemoSize.SMALL).groundTruth().getFirst();
        EntityView officer = store.find(link.officerId()).orElseThrow();
        assertThat(officer.statements()).allSatisfy(s -> assertThat(s.provenance().sourceId()).isEqualTo(DemoSources.ASP_PERSONNEL.id()));
        assertThat(officer.edges()).anySatisfy(e -> assertThat(e.otherType()).isEqualTo(besa.intel.model.EntityType.Phone));
        assertThat(store.find(link.personId())).isPresent();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
