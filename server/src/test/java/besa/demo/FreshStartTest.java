package besa.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

class FreshStartTest {
    @Test
    void emptiesABesaDataFolder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("postgres/base"));
        Files.writeString(dir.resolve("postgres/PG_VERSION"), "17");
        Files.writeString(dir.resolve(DemoAccounts.FILE), "analyst\tx");
        FreshStart.discard(dir);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void refusesAFolderThatIsNotBesas(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("thesis.docx"), "years of work");
        assertThatThrownBy(() -> FreshStart.discard(dir)).hasMessageContaining("does not look like a Besa data folder");
        assertThat(dir.resolve("thesis.docx")).exists();
    }

    @Test
    void refusesWhenAnExternalDatabaseIsConfigured(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("postgres"));
        Files.writeString(dir.resolve("postgres/PG_VERSION"), "17");
        FreshStart fresh = new FreshStart();
        fresh.setEnvironment(new MockEnvironment().withProperty("besa.db.url", "jdbc:postgresql://db.example/besa")
                .withProperty("besa.data-dir", dir.toString()));
        assertThatThrownBy(() -> fresh.postProcessBeanFactory(new DefaultListableBeanFactory()))
                .hasMessageContaining("external database");
        assertThat(dir.resolve("postgres/PG_VERSION")).exists();
    }
}
