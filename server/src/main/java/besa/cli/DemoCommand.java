package besa.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts Besa on the embedded database with a generated demo scenario and demo accounts. */
@Command(name = "demo", description = "Start Besa with demo data on the embedded database.")
public class DemoCommand extends ServeCommand {
    @Option(names = "--fresh", description = "Discard the demo data and generate it anew.")
    boolean fresh;

    @Option(names = "--size", description = "small (default) or large (>= 1,000,000 entities).", defaultValue = "small")
    String size;

    @Override
    public void run() {
        List<String> a = args();
        a.add("--besa.demo.enabled=true");
        a.add("--besa.demo.size=" + size);
        a.add("--besa.demo.fresh=" + fresh);
        start(a);
    }
}
