package besa.cli;


/**
 * Entry point of the {@code besa} launcher. Offline commands (link, dedupe) run without Spring;
 * serve and demo start the application.
 */
public final class Besa {
    private Besa() {}

    public static void main(String[] args) {
        int code = BesaCommand.commandLine().execute(args);
        if (code != 0 || !BesaCommand.keepsRunning(args)) System.exit(code);
    }
}
