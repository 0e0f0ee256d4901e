package besa.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.platform.db.EmbeddedPostgres;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Spring contexts without the web server, for commands that work on the configured database: only
 * the platform (database) and the module the command needs, so no web security or pages are set up.
 */
final class Offline {
    private Offline() {}

    /** The database and the intelligence store. Not a @Configuration, so the application's scan never picks it up. */
    @EnableAutoConfiguration
    @ComponentScan(basePackages = {"besa.platform", "besa.intel"})
    static class Intel {}

    /** The database, the intelligence store and the audit module (without its web parts): offline import and export, audited. */
    @EnableAutoConfiguration
    @ComponentScan(basePackages = {"besa.platform", "besa.intel", "besa.audit"},
            excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "besa\\.audit\\.web\\..*"))
    static class AuditedIntel {}

    /** The database and the audit module, without its web parts. */
    @EnableAutoConfiguration
    @ComponentScan(basePackages = {"besa.platform", "besa.audit"},
            excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "besa\\.audit\\.web\\..*"))
    static class Audit {}

    static ConfigurableApplicationContext start(String dataDir) {
        return start(Intel.class, dataDir);
    }

    /**
     * Records what an offline command does with personal data, as the operating-system user (there is
     * no Besa login offline), before it does it; throws AuditUnavailableException when it cannot (fail closed).
     */
    static void audit(ConfigurableApplicationContext ctx, AuditAction action, String target, String reason, String recipient,
            AuditOutcome outcome) {
        ctx.getBean(AuditLog.class).record(new AuditEvent(osUser(), action, target, reason, recipient, outcome, "cli"));
    }

    static String osUser() {
        String name = System.getProperty("user.name");
        return "os:" + (name == null || name.isBlank() ? "unknown" : name);
    }

    static ConfigurableApplicationContext start(Class<?> context, String dataDir) {
        List<String> args = new ArrayList<>();
        if (dataDir != null) args.add("--besa.data-dir=" + dataDir);
        args.add("--logging.level.root=warn");
        return new SpringApplicationBuilder(context).web(WebApplicationType.NONE).logStartupInfo(false)
                .run(args.toArray(String[]::new));
    }

    /**
     * The embedded database's folder serves one server process at a time. If a running Besa holds it,
     * say so plainly instead of failing deep inside PostgreSQL's start-up.
     */
    static String busyMessage(String dataDir) {
        String external = System.getenv("BESA_DB_URL");
        if (external != null && !external.isBlank()) return null;
        String dir = dataDir != null ? dataDir : System.getenv().getOrDefault("BESA_DATA_DIR", "./data");
        return EmbeddedPostgres.runningPid(Path.of(dir, "postgres"))
                .stream().filter(p -> p > 0) // an unreadable pid file: PostgreSQL itself will decide
                .mapToObj(p -> "The embedded database in " + Path.of(dir).toAbsolutePath().normalize()
                        + " is in use by a running Besa server (PostgreSQL process " + p + "). Stop that server first,"
                        + " or import through it: add --server http://localhost:8080 with an API token in BESA_TOKEN.")
                .findFirst().orElse(null);
    }
}
