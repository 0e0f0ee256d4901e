package besa.demo;

import besa.access.AccessProfiles;
import besa.vetting.scenario.ScreeningRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code ./besa demo}: loads the demo scenario unless the database already holds it, makes sure the
 * demo accounts exist, and once the server is ready prints its address and the accounts.
 */
@Component
@ConditionalOnProperty(name = "besa.demo.enabled", havingValue = "true")
class DemoRunner implements ApplicationRunner, ApplicationListener<ApplicationReadyEvent> {
    private final DemoLoader loader;
    private final DemoAccounts accounts;
    private final AccessProfiles profiles;
    private final ScreeningRunner screening;
    private final MessageSource messages;
    private final Environment env;
    private final DemoSize size;
    private final long seed;
    private final Path dataDir;
    private final PrintStream out = System.out;
    private final Locale locale = Locale.getDefault();
    private List<DemoAccounts.Account> ready = List.of();
    private String scenario = "";

    DemoRunner(DemoLoader loader, DemoAccounts accounts, AccessProfiles profiles, ScreeningRunner screening, MessageSource messages, Environment env,
            @Value("${besa.demo.size:small}") String size, @Value("${besa.demo.seed:" + ScenarioGenerator.DEFAULT_SEED + "}") long seed,
            @Value("${besa.data-dir:./data}") Path dataDir) {
        this.loader = loader;
        this.accounts = accounts;
        this.profiles = profiles;
        this.screening = screening;
        this.messages = messages;
        this.env = env;
        this.size = DemoSize.parse(size);
        this.seed = seed;
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    @Override
    public void run(ApplicationArguments args) {
        // Accounts first: during a long load the pages already answer, and one can log in.
        ready = accounts.ensure(dataDir);
        var held = loader.loadedSize(seed);
        if (held.isPresent() && held.get() != size) {
            out.println(msg("demo.otherSize", held.get().label(), size.label()));
        } else if (held.isPresent()) {
            out.println(msg("demo.reusing", size.label()));
        } else {
            out.println(msg("demo.generating", size.label(), String.valueOf(seed)));
            loader.load(seed, size, out);
        }
        scenario = held.orElse(size).label();
        // The demo's vetting officer is an officer of the register too (one the intelligence never mentions):
        // subject protection hides anything about him from himself.
        profiles.linkOfficer(DemoAccounts.VETTING_USER, new ScenarioGenerator(seed, held.orElse(size)).cleanOfficerId());
        // Screening fills the alert queue once, when the build has a screening engine and nothing was screened yet.
        if (screening.available() && !screening.hasAlerts()) {
            out.println(msg("demo.screening"));
            screening.runFull().ifPresent(r -> out.println(msg("demo.screened", String.valueOf(r.officers()), String.format(locale, "%,d", r.entities()),
                    String.valueOf(r.alertsCreated()), String.format(locale, "%.1f", r.seconds()))));
        }
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        String host = env.getProperty("server.address", "localhost");
        String line = "=".repeat(72);
        StringBuilder b = new StringBuilder("\n").append(line).append('\n');
        b.append("  ").append(msg("demo.ready", "http://" + host + ":" + port + "/")).append('\n');
        b.append("  ").append(msg("demo.scenario", scenario, String.valueOf(seed))).append('\n');
        b.append("  ").append(msg("demo.accounts", dataDir.resolve(DemoAccounts.FILE).toString())).append('\n');
        for (DemoAccounts.Account a : ready) {
            b.append(String.format("    %-10s  %-23s  %s%n", a.username(), a.password(), msg("demo.role." + a.role().name())));
        }
        b.append("  ").append(msg("demo.code")).append('\n');
        b.append("  ").append(msg("demo.stop")).append('\n').append(line).append('\n');
        out.print(b);
        out.flush();
    }

    private String msg(String code, Object... args) {
        return messages.getMessage(code, args, locale);
    }
}
