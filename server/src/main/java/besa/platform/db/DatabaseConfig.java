package besa.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database: an external PostgreSQL when {@code besa.db.url} (BESA_DB_URL) is set, otherwise the
 * embedded one under {@code besa.data-dir}. With {@code besa.db.ephemeral=true} (tests) one embedded
 * server in a temporary folder serves the whole JVM and is removed when the JVM exits.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {
    private static EmbeddedPostgres jvmShared;

    @Bean(destroyMethod = "close")
    DataSource dataSource(
            @Value("${besa.db.url:}") String url,
            @Value("${besa.db.username:}") String username,
            @Value("${besa.db.password:}") String password,
            @Value("${besa.db.pool-size:16}") int poolSize,
            @Value("${besa.data-dir:./data}") Path dataDir,
            @Value("${besa.db.durable:true}") boolean durable,
            @Value("${besa.db.ephemeral:false}") boolean ephemeral) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("besa");
        cfg.setMaximumPoolSize(poolSize);
        if (!url.isBlank()) {
            cfg.setJdbcUrl(url);
            cfg.setUsername(username);
            cfg.setPassword(password);
            return new HikariDataSource(cfg);
        }
        EmbeddedPostgres pg = ephemeral ? jvmShared() : startOwned(dataDir, durable);
        try {
            pg.createDatabaseIfMissing("besa");
            cfg.setJdbcUrl(pg.jdbcUrl("besa"));
            cfg.setUsername(pg.username());
            cfg.setPassword(pg.password());
            return ephemeral ? new HikariDataSource(cfg) : new OwningDataSource(cfg, pg);
        } catch (RuntimeException e) {
            if (!ephemeral) pg.close(); // leave no orphaned postmaster behind
            throw e;
        }
    }

    private static EmbeddedPostgres startOwned(Path dataDir, boolean durable) {
        return EmbeddedPostgres.start(dataDir.resolve("postgres"), durable);
    }

    private static synchronized EmbeddedPostgres jvmShared() {
        if (jvmShared == null) {
            try {
                Path dir = Files.createTempDirectory("besa-test-db");
                dir.toFile().setExecutable(true, false);
                jvmShared = EmbeddedPostgres.start(dir.resolve("postgres"), false);
                EmbeddedPostgres pg = jvmShared;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    pg.close();
                    EmbeddedPostgres.deleteQuietly(dir);
                }, "besa-test-db-cleanup"));
            } catch (IOException e) {
                throw new IllegalStateException("could not create a temporary folder for the test database", e);
            }
        }
        return jvmShared;
    }


    /** A pool that stops its embedded server when the application context closes. */
    static final class OwningDataSource extends HikariDataSource {
        private final EmbeddedPostgres server;

        OwningDataSource(HikariConfig cfg, EmbeddedPostgres server) {
            super(cfg);
            this.server = server;
        }

        @Override
        public void close() {
            super.close();
            server.close();
        }
    }
}
