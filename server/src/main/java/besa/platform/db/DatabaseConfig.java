package besa.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The database: an external PostgreSQL when {@code besa.db.url} (BESA_DB_URL) is set, otherwise the
 * embedded one under {@code besa.data-dir}. With {@code besa.db.ephemeral=true} (tests) one embedded
 * server in a temporary folder serves the whole JVM and is removed when the JVM exits.
 *
 * <p>Two pools, two roles (least privilege): the primary {@link DataSource} that the application uses
 * at run time connects as {@code besa_app}, which owns nothing and may only read and write rows it was
 * granted (never change or remove audit entries, never DDL); the {@link #OWNER} pool connects as the
 * schema owner and serves Flyway's migrations (and maintenance tools and tests that must be the owner).
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {
    /** Bean name of the schema owner's pool: migrations, maintenance, tests that play the attacker. */
    public static final String OWNER = "ownerDataSource";
    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);
    private static EmbeddedPostgres jvmShared;

    /** Where and as whom to connect; stops the embedded server (if ours) after both pools are closed. */
    record Connections(String url, String appUser, String appPassword, String ownerUser, String ownerPassword,
                       EmbeddedPostgres ownedServer) implements AutoCloseable {
        @Override
        public void close() {
            if (ownedServer != null) ownedServer.close();
        }
    }

    @Bean(destroyMethod = "close")
    Connections databaseConnections(
            @Value("${besa.db.url:}") String url,
            @Value("${besa.db.username:}") String username,
            @Value("${besa.db.password:}") String password,
            @Value("${besa.db.owner-username:}") String ownerUsername,
            @Value("${besa.db.owner-password:}") String ownerPassword,
            @Value("${besa.data-dir:./data}") Path dataDir,
            @Value("${besa.db.durable:true}") boolean durable,
            @Value("${besa.db.ephemeral:false}") boolean ephemeral) {
        if (!url.isBlank()) {
            if (ownerUsername.isBlank()) {
                log.warn("besa.db.owner-username (BESA_DB_OWNER_USERNAME) is not set: migrations and the application share"
                        + " the role {}, which then owns the schema. See docs/access.md, \"Database roles\".", username);
                return new Connections(url, username, password, username, password, null);
            }
            return new Connections(url, username, password, ownerUsername, ownerPassword, null);
        }
        EmbeddedPostgres pg = ephemeral ? jvmShared() : startOwned(dataDir, durable);
        try {
            pg.createDatabaseIfMissing("besa");
            return new Connections(pg.jdbcUrl("besa"), EmbeddedPostgres.APP_ROLE, pg.appPassword(), pg.username(), pg.password(),
                    ephemeral ? null : pg);
        } catch (RuntimeException e) {
            if (!ephemeral) pg.close(); // leave no orphaned postmaster behind
            throw e;
        }
    }

    /** The application's runtime connections, as the least-privileged role. */
    @Bean(destroyMethod = "close")
    @Primary
    DataSource dataSource(Connections db, @Value("${besa.db.pool-size:16}") int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("besa");
        cfg.setMaximumPoolSize(poolSize);
        cfg.setJdbcUrl(db.url());
        cfg.setUsername(db.appUser());
        cfg.setPassword(db.appPassword());
        return new HikariDataSource(cfg);
    }

    /** The owner's connections: few, and idle ones are let go (after start-up only tools and tests use them). */
    @Bean(name = OWNER, destroyMethod = "close")
    @FlywayDataSource
    @Qualifier(OWNER)
    DataSource ownerDataSource(Connections db) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("besa-owner");
        cfg.setMaximumPoolSize(2);
        cfg.setMinimumIdle(0);
        cfg.setIdleTimeout(60_000);
        cfg.setJdbcUrl(db.url());
        cfg.setUsername(db.ownerUser());
        cfg.setPassword(db.ownerPassword());
        return new HikariDataSource(cfg);
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
}
