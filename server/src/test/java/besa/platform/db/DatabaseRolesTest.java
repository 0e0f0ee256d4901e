package besa.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application's runtime role is least privilege: it reads and appends the audit trail but can
 * never change, remove or truncate it, and it cannot change the schema. Migrations run as the owner.
 */
@SpringBootTest
class DatabaseRolesTest {
    @Autowired DataSource app;
    @Autowired @Qualifier(DatabaseConfig.OWNER) DataSource owner;

    @Test
    void theApplicationConnectsAsANonSuperuserThatOwnsNothing() {
        JdbcClient jdbc = JdbcClient.create(app);
        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo(EmbeddedPostgres.APP_ROLE);
        assertThat(jdbc.sql("select current_setting('is_superuser')").query(String.class).single()).isEqualTo("off");
        assertThat(jdbc.sql("select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = 'public' and pg_get_userbyid(c.relowner) = current_user").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select tableowner from pg_tables where tablename = 'audit_entry'").query(String.class).single())
                .isNotEqualTo(EmbeddedPostgres.APP_ROLE);
    }

    @Test
    void theAuditTrailIsReadAndAppendOnlyForTheApplication() throws SQLException {
        try (Connection c = app.getConnection(); var s = c.createStatement()) {
            try (var rs = s.executeQuery("select count(*) from audit_entry")) {
                assertThat(rs.next()).isTrue();
            }
        }
        for (String sql : new String[] {"update audit_entry set data = data where idx = 0", "delete from audit_entry where idx = 0",
                "truncate audit_entry", "alter table audit_entry disable trigger user", "drop table audit_entry"}) {
            assertDenied(sql);
        }
    }

    @Test
    void theApplicationCannotChangeTheSchemaNorSwitchOffTriggersOrReadTheMigrationHistory() {
        assertDenied("create table intruder (x int)");
        assertDenied("alter table entity add column intruder text");
        assertDenied("drop table statement");
        assertDenied("create function intruder() returns int language sql as 'select 1'");
        assertDenied("set session_replication_role = replica");
        assertDenied("select * from flyway_schema_history");
    }

    @Test
    void theOwnerRunsTheMigrations() {
        JdbcClient jdbc = JdbcClient.create(owner);
        assertThat(jdbc.sql("select installed_by from flyway_schema_history where version = '65'").query(String.class).single())
                .isEqualTo(jdbc.sql("select current_user").query(String.class).single())
                .isNotEqualTo(EmbeddedPostgres.APP_ROLE);
    }

    private static final String STAGING = """
            create temp table stage_statement (entity_id text, prop text, value text, original text,
                source_id text, record_key text, originator text, legal_basis text, first_seen date, last_seen date,
                source_grade char(1), info_grade smallint, handling smallint, review_due date) on commit drop;
            create temp table stage_edge (relation_id text, type text, subject_id text, object_id text) on commit drop;
            create temp table stage_key (entity_id text, kind text, key text) on commit drop;
            """;

    /** The bulk move runs with the owner's rights: it must check the foreign keys itself and read only plain staging tables. */
    @Test
    void theBulkMoveChecksForeignKeysAndRefusesStagingTablesItCannotTrust() throws SQLException {
        try (Connection c = app.getConnection(); var s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("create temp table stage_entity (id text, type text, caption text) on commit drop;" + STAGING);
            s.execute("insert into stage_key values ('no-such-entity', 'name-fold', 'x')");
            assertThatThrownBy(() -> s.execute("select store_move_staged('name-fold')"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23503"));
            c.rollback();

            // A view of the caller's making could run the caller's functions with the owner's rights.
            s.execute("create temp view stage_entity as select 'a'::text as id, 'b'::text as type, 'c'::text as caption;" + STAGING);
            assertThatThrownBy(() -> s.execute("select store_move_staged('name-fold')"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            c.rollback();
        }
    }

    /** An external database: the application's keys for run time, the owner's for migrations; without them, one role for both. */
    @Test
    void anExternalDatabaseGetsTheApplicationsRoleAtRunTimeAndTheOwnerForMigrations() {
        var config = new DatabaseConfig();
        var split = config.databaseConnections("jdbc:postgresql://db.example:5432/besa", "besa_app", "app-pw", "besa_owner", "owner-pw",
                Path.of("unused"), true, false);
        assertThat(split.appUser()).isEqualTo("besa_app");
        assertThat(split.ownerUser()).isEqualTo("besa_owner");
        assertThat(split.ownerPassword()).isEqualTo("owner-pw");
        assertThat(split.ownedServer()).isNull();
        var single = config.databaseConnections("jdbc:postgresql://db.example:5432/besa", "besa", "pw", "", "",
                Path.of("unused"), true, false);
        assertThat(single.ownerUser()).isEqualTo("besa");
        assertThat(single.ownerPassword()).isEqualTo("pw");
    }

    /** The embedded server keeps each role's password in its own file that only its user can read. */
    @Test
    void anEmbeddedServerKeepsEachRolesPasswordInItsOwnPrivateFile(@TempDir Path dir) throws Exception {
        dir.toFile().setExecutable(true, false); // run as root, the server runs as nobody and must reach its folder
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir.resolve("postgres"), false)) {
            Path ownerSecret = dir.resolve("postgres.secret"), appSecret = dir.resolve("postgres-app.secret");
            for (Path secret : new Path[] {ownerSecret, appSecret}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
            }
            assertThat(Files.readString(appSecret).strip()).isEqualTo(pg.appPassword()).isNotEqualTo(pg.password());
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), EmbeddedPostgres.APP_ROLE, pg.appPassword());
                    var s = c.createStatement(); var rs = s.executeQuery("select rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname = current_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1) || rs.getBoolean(2) || rs.getBoolean(3)).isFalse();
            }
        }
    }

    private void assertDenied(String sql) {
        assertThatThrownBy(() -> {
            try (Connection c = app.getConnection(); var s = c.createStatement()) {
                s.execute(sql);
            }
        }).as(sql).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo("42501"));
    }
}
