package besa.demo;

import besa.platform.db.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code ./besa demo --fresh}: empties the embedded database's data folder before anything opens it.
 * It runs as a bean-factory post-processor because the data source must not have started yet. It
 * never touches an external database, and refuses folders that do not look like a Besa data folder.
 */
@Component
@ConditionalOnProperty(name = {"besa.demo.enabled", "besa.demo.fresh"}, havingValue = "true")
class FreshStart implements BeanFactoryPostProcessor, EnvironmentAware {
    private Environment env;

    @Override
    public void setEnvironment(Environment environment) {
        this.env = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!env.getProperty("besa.db.url", "").isBlank()) {
            throw new IllegalStateException(DemoMessages.get("demo.fresh.external"));
        }
        if (env.getProperty("besa.db.ephemeral", Boolean.class, false)) return;
        discard(Path.of(env.getProperty("besa.data-dir", "./data")));
    }

    /** Deletes the contents of a Besa data folder; refuses one in use or one that is not Besa's. */
    static void discard(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) return;
        Path pg = dir.resolve("postgres");
        boolean besaFolder = Files.exists(pg.resolve("PG_VERSION")) || Files.exists(dir.resolve(DemoAccounts.FILE));
        if (!besaFolder) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isEmpty()) return;
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + dir, e);
            }
            throw new IllegalStateException(DemoMessages.get("demo.fresh.notBesa", dir.toString()));
        }
        if (serverRunning(pg)) {
            throw new IllegalStateException(DemoMessages.get("demo.fresh.inUse", dir.toString(), pg.resolve("postmaster.pid").toString()));
        }
        System.out.println(DemoMessages.get("demo.fresh.discarding", dir.toString()));
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not discard " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean serverRunning(Path pg) {
        return EmbeddedPostgres.runningPid(pg).isPresent();
    }
}
