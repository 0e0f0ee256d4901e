package besa.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring context without the web server, for commands that work on the configured database: only
 * the platform (database) and the intelligence modules, so no web security or pages are set up.
 */
final class Offline {
    private Offline() {}

    /** Not a @Configuration, so the application's own component scan never picks it up. */
    @EnableAutoConfiguration
    @ComponentScan(basePackages = {"besa.platform", "besa.intel"})
    static class Context {}

    static ConfigurableApplicationContext start(String dataDir) {
        List<String> args = new ArrayList<>();
        if (dataDir != null) args.add("--besa.data-dir=" + dataDir);
        args.add("--logging.level.root=warn");
        return new SpringApplicationBuilder(Context.class).web(WebApplicationType.NONE).logStartupInfo(false)
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
        Path pid = Path.of(dir, "postgres", "postmaster.pid");
        if (!Files.exists(pid)) return null;
        try {
            long p = Long.parseLong(Files.readAllLines(pid).getFirst().strip());
            if (ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)) {
                return "The embedded database in " + Path.of(dir).toAbsolutePath().normalize() + " is in use by a running Besa server "
                        + "(PostgreSQL process " + p + "). Stop that server first, or import through it: add --server http://localhost:8080 --user NAME.";
            }
        } catch (IOException | RuntimeException e) {
            return null; // unreadable or stale pid file: PostgreSQL itself will decide
        }
        return null;
    }
}
