package besa.audit;

import besa.platform.SecretFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the audit module keeps what must live outside the database (log key, witness key, witness
 * folders) and how it names its log. With an ephemeral database (tests) these default to a
 * per-JVM temporary folder: checkpoints of a database that is thrown away mean nothing later.
 */
@Component
public class AuditSettings {
    private final Path keyFile;
    private final Path witnessKeyFile;
    private final Path witnessDir;
    private final Path witnessStateDir;
    private final String origin;
    private final String witnessName;
    private final Duration checkpointInterval;
    private final List<String> witnessUrls;
    private final List<String> trustedLogs;

    public AuditSettings(
            @Value("${besa.data-dir:./data}") Path dataDir,
            @Value("${besa.db.ephemeral:false}") boolean ephemeral,
            @Value("${besa.audit.key-file:}") String keyFile,
            @Value("${besa.audit.witness-key-file:}") String witnessKeyFile,
            @Value("${besa.audit.witness-dir:}") String witnessDir,
            @Value("${besa.audit.origin:}") String origin,
            @Value("${besa.audit.witness-name:}") String witnessName,
            @Value("${besa.audit.checkpoint-interval:60s}") Duration checkpointInterval,
            @Value("${besa.audit.witness-urls:}") String witnessUrls,
            @Value("${besa.audit.trusted-logs:}") String trustedLogs) {
        Path base = SecretFiles.baseDir(dataDir, ephemeral).resolve("audit");
        this.keyFile = keyFile.isBlank() ? base.resolve("log-key.pem") : Path.of(keyFile);
        this.witnessKeyFile = witnessKeyFile.isBlank() ? base.resolve("witness-key.pem") : Path.of(witnessKeyFile);
        this.witnessDir = witnessDir.isBlank() ? base.resolve("witness") : Path.of(witnessDir);
        this.witnessStateDir = base.resolve("witnessed");
        String host = hostname();
        this.origin = origin.isBlank() ? "besa/" + host : origin;
        this.witnessName = witnessName.isBlank() ? "besa-witness/" + host : witnessName;
        this.checkpointInterval = checkpointInterval;
        this.witnessUrls = split(witnessUrls);
        this.trustedLogs = split(trustedLogs);
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env;
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The log's Ed25519 private key (PEM, 0600); the public key sits beside it as {@code .pub}. */
    public Path keyFile() {
        return keyFile;
    }

    public Path publicKeyFile() {
        return keyFile.resolveSibling(keyFile.getFileName() + ".pub");
    }

    public Path witnessKeyFile() {
        return witnessKeyFile;
    }

    /** The file-directory witness: signed checkpoints, one file each. */
    public Path witnessDir() {
        return witnessDir;
    }

    /** Where this node, as an HTTP witness, keeps the last checkpoint it co-signed per origin. */
    public Path witnessStateDir() {
        return witnessStateDir;
    }

    public String origin() {
        return origin;
    }

    public String witnessName() {
        return witnessName;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /** Peer Besa nodes' witness endpoints ({@code https://host/api/audit/witness}). */
    public List<String> witnessUrls() {
        return witnessUrls;
    }

    /** Verifier keys of other nodes' logs this node co-signs for (key name = the log's origin). */
    public List<String> trustedLogs() {
        return trustedLogs;
    }
}
