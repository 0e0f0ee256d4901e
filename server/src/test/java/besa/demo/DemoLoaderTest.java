package besa.demo;

import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.store.IntelStore;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelRegister;
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
    @Autowired PersonnelRegister register;
    @Autowired VettingAccess vetting;

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

        // Officers are in the personnel register, not in the intelligence; Europol's leads are in the lead table.
        ScenarioGenerator generator = new ScenarioGenerator(seed, DemoSize.SMALL);
        OfficerLink link = generator.groundTruth().getFirst();
        assertThat(store.find(link.officerId())).isEmpty();
        assertThat(store.find(link.personId())).isPresent();
        Officer officer = vetting.system(scope -> register.find(link.officerId())).orElseThrow();
        assertThat(officer.duties()).hasSize(8);
        assertThat(officer.declarations()).singleElement().satisfies(d -> assertThat(d.cryptophoneUse()).isFalse());
        String[] ids = generator.officerIds().toArray(String[]::new);
        long officers = vetting.system(scope -> jdbc.sql("select count(*) from officer where id = any(?)").param(ids).query(Long.class).single());
        assertThat(officers).isEqualTo(DemoSize.SMALL.officers());
        String[] accounts = generator.groundTruth().stream().filter(l -> l.kind() == OfficerLink.Kind.CRYPTO_ACCOUNT).map(OfficerLink::evidenceId)
                .toArray(String[]::new);
        long leads = vetting.system(scope -> jdbc.sql("select count(*) from lead where entity_id = any(?) and kind = 'ACCOUNT'").param(accounts)
                .query(Long.class).single());
        assertThat(leads).isEqualTo(accounts.length);
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
