package besa.cli;

import besa.BesaApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the server with the configuration from properties and environment. */
@Command(name = "serve", description = "Start the Besa server.")
public class ServeCommand implements Runnable {
    @Option(names = "--port", description = "HTTP port (default 8080).")
    Integer port;

    @Option(names = "--data-dir", description = "Folder of the embedded database (default ./data).")
    String dataDir;

    @Override
    public void run() {
        start(args());
    }

    List<String> args() {
        List<String> a = new ArrayList<>();
        if (port != null) a.add("--server.port=" + port);
        if (dataDir != null) a.add("--besa.data-dir=" + dataDir);
        return a;
    }

    static void start(List<String> args) {
        SpringApplication app = new SpringApplication(BesaApplication.class);
        app.run(args.toArray(String[]::new));
    }
}
