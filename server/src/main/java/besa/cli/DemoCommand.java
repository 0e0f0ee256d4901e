package besa.cli;

import besa.demo.DemoMessages;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts Besa on the embedded database with a generated demo scenario and demo accounts. */
@Command(name = "demo", description = "Start Besa with demo data on the embedded database.",
        subcommands = DemoCodeCommand.class)
public class DemoCommand extends ServeCommand {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--fresh", description = "Discard the embedded demo data folder and generate the scenario anew.")
    boolean fresh;

    @Option(names = "--size", description = "small (default; a few thousand entities) or large (>= 1,000,000 entities).",
            defaultValue = "small")
    String size;

    @Override
    public void run() {
        if (!size.equalsIgnoreCase("small") && !size.equalsIgnoreCase("large")) {
            throw new CommandLine.ParameterException(spec.commandLine(), DemoMessages.get("demo.size.invalid", size));
        }
        // Checked here too so that the refusal is a clear message, not a failed start-up; the
        // application repeats the check for URLs set in configuration files.
        String external = System.getenv("BESA_DB_URL");
        if (external != null && !external.isBlank()) {
            // The demo creates accounts with known roles (admin among them): never in a real database.
            throw new CommandLine.ParameterException(spec.commandLine(),
                    DemoMessages.get(fresh ? "demo.fresh.external" : "demo.external"));
        }
        List<String> a = args();
        a.add("--besa.demo.enabled=true");
        a.add("--besa.demo.size=" + size);
        a.add("--besa.demo.fresh=" + fresh);
        start(a);
    }
}
