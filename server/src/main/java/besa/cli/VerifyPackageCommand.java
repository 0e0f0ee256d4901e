package besa.cli;

import besa.exchange.format.PackageVerifier;
import com.nimbusds.jose.jwk.ECKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code besa verify-package FILE.zip [--key KEY.jwk]}: checks an export package offline (no database,
 * no Spring): the manifest's signature and every file's size and SHA-256. Exit 0 valid, 1 invalid,
 * 2 bad arguments.
 */
@Command(name = "verify-package", description = "Check an export package's signature and file hashes (offline).")
public class VerifyPackageCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.zip")
    Path file;

    @Option(names = "--key", paramLabel = "KEY.jwk",
            description = "The sender's public key (JWK) as you received it separately; the package's own key must be this one.")
    Path key;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println("no such file: " + file);
            return 2;
        }
        ECKey trusted = null;
        if (key != null) {
            try {
                trusted = ECKey.parse(Files.readString(key));
            } catch (Exception e) {
                err.println(key + ": not an EC key (JWK): " + e.getMessage());
                return 2;
            }
        }
        PackageVerifier.Report r = PackageVerifier.verify(file, trusted);
        r.found().forEach(line -> out.println("  " + line));
        if (r.valid()) {
            out.println("VALID: " + file.getFileName() + (trusted == null
                    ? " (signed by the key inside the package: compare its thumbprint with the one the sender gave you)" : " (signed by your key)"));
            out.flush();
            return 0;
        }
        r.problems().forEach(p -> err.println("  INVALID " + p));
        err.println("NOT VALID: " + file.getFileName() + ": " + r.problems().size() + " problem(s)");
        err.flush();
        return 1;
    }
}
