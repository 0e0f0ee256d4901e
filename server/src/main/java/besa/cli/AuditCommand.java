package besa.cli;

import besa.audit.AuditLog;
import besa.audit.AuditSettings;
import besa.audit.AuditStore;
import besa.audit.AuditVerifier;
import besa.audit.FileWitness;
import besa.audit.InclusionProofText;
import besa.audit.KeyFiles;
import besa.ledger.Checkpoint;
import besa.ledger.CheckpointVerifier;
import besa.ledger.InvalidCheckpointException;
import besa.ledger.InvalidProofException;
import besa.ledger.MerkleLog;
import besa.ledger.NoteVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code besa audit verify | proof}: check the audit trail against its witnessed checkpoints, without the web server. */
@Command(name = "audit", description = "Verify the audit trail or print an inclusion proof.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Proof.class})
public class AuditCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static ConfigurableApplicationContext start(String dataDir) {
        return Offline.start(Offline.Audit.class, dataDir);
    }

    abstract static class Base implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--data-dir", description = "Besa's data folder (default ./data).")
        String dataDir;

        @Option(names = "--witness-dir", description = "Witness folder holding the signed checkpoints (default <data-dir>/audit/witness).")
        Path witnessDir;

        @Option(names = "--witness-key", description = "A trusted witness's verifier key (repeatable); see --quorum.")
        List<String> witnessKeys = new ArrayList<>();

        @Option(names = "--quorum", defaultValue = "0", description = "How many of the --witness-key witnesses must have co-signed the checkpoint (default 0).")
        int quorum;

        @Option(names = "--log-key", description = "The log's verifier key (name+id+key); default: the public key beside the log key file.")
        String logKey;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        FileWitness folder(AuditSettings settings) {
            return new FileWitness(witnessDir != null ? witnessDir : settings.witnessDir());
        }

        CheckpointVerifier verifier(AuditSettings settings) {
            if (logKey == null && !Files.exists(KeyFiles.publicFile(settings.keyFile()))) {
                throw new IllegalStateException("no log key at " + KeyFiles.publicFile(settings.keyFile())
                        + ": this node has not signed a checkpoint yet; pass the log's verifier key with --log-key");
            }
            NoteVerifier key = logKey != null ? NoteVerifier.parse(logKey)
                    : new NoteVerifier(settings.origin(), KeyFiles.loadPublic(settings.keyFile()));
            return new CheckpointVerifier(key.name(), key, witnessKeys.stream().map(NoteVerifier::parse).toList(), quorum);
        }
    }

    @Command(name = "verify", description = "Recompute the Merkle tree from the audit table and check it against the latest witnessed checkpoint. "
            + "Exit 0 when intact, 1 naming the first bad entry (or when nothing is witnessed yet), 2 when the checkpoint itself is rejected.")
    static class Verify extends Base {
        @Option(names = "--table", defaultValue = AuditStore.TABLE,
                description = "Verify a copy of the trail restored into another table (default audit_entry).")
        String table;

        @Option(names = "--allow-unwitnessed",
                description = "Exit 0 even when no witnessed checkpoint exists yet (a fresh install).")
        boolean allowUnwitnessed;

        @Override
        public Integer call() {
            try (var ctx = start(dataDir)) {
                AuditSettings settings = ctx.getBean(AuditSettings.class);
                long t0 = System.nanoTime();
                AuditVerifier.Result result = AuditVerifier.verify(new AuditStore(ctx.getBean(javax.sql.DataSource.class), table), folder(settings), verifier(settings));
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (!result.report().ok()) {
                    var first = result.report().firstProblem().orElseThrow();
                    err().println("first bad entry: " + first.index() + " (" + first.kind() + "): " + first.message());
                    err().println(result.report().summary());
                    return 1;
                }
                if (result.checkpoint().isEmpty()) {
                    // Without a checkpoint held outside the database, a table rebuilt with fresh hashes looks intact.
                    err().println("no witnessed checkpoint: only the rows' own hashes were checked, which cannot reveal a rebuilt table"
                            + (allowUnwitnessed ? "" : " (use --allow-unwitnessed on a fresh install)"));
                    if (!allowUnwitnessed) return 1;
                }
                out().printf("%s (%.1f s)%n", result.report().summary(), seconds);
                return 0;
            } catch (InvalidCheckpointException e) {
                err().println("the witnessed checkpoint is rejected: " + e.getMessage());
                return 2;
            } catch (RuntimeException e) {
                err().println("audit verify failed: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "proof", description = "Print an inclusion proof of one audit entry that anyone can check, or check one (--verify).")
    static class Proof extends Base {
        @Option(names = "--entry", description = "Index of the audit entry.")
        Long entry;

        @Option(names = "--verify", description = "Check a proof printed by this command (a file, or - for standard input); needs no database.")
        String verifyFile;

        @Option(names = "--checkpoint", description = "With --verify: a signed checkpoint file whose root the proof must reach (with --log-key).")
        Path checkpointFile;

        @Override
        public Integer call() {
            if (verifyFile != null) return verifyProof();
            if (entry == null) {
                err().println("besa audit proof: give --entry N, or --verify FILE");
                return 2;
            }
            try (var ctx = start(dataDir)) {
                AuditSettings settings = ctx.getBean(AuditSettings.class);
                AuditStore store = ctx.getBean(AuditStore.class);
                MerkleLog log = ctx.getBean(AuditLog.class).merkleLog();
                if (entry < 0 || entry >= log.size()) {
                    err().println("no audit entry " + entry + (log.size() == 0 ? ": the trail is empty"
                            : ": the trail holds entries 0 to " + (log.size() - 1)));
                    return 2;
                }
                Optional<Checkpoint> witnessed = folder(settings).latest(verifier(settings));
                long size = witnessed.filter(c -> c.size() > entry).map(Checkpoint::size).orElse(log.size());
                byte[] root = log.root(size);
                if (witnessed.isPresent() && witnessed.get().size() == size && !MessageDigest.isEqual(root, witnessed.get().rootHash())) {
                    err().println("the audit table no longer matches the witnessed checkpoint of size " + size + "; run besa audit verify");
                    return 1;
                }
                byte[] data = store.data(entry);
                var text = new InclusionProofText(settings.origin(), data, log.leafHash(entry), root, log.inclusionProof(entry, size));
                out().print(text.toText());
                err().println(witnessed.isPresent() && witnessed.get().size() == size
                        ? "root = the witnessed checkpoint of size " + size
                        : "entry " + entry + " is not yet covered by a witnessed checkpoint; the root is the table's current one");
                return 0;
            } catch (InvalidCheckpointException e) {
                err().println("the witnessed checkpoint is rejected: " + e.getMessage());
                return 2;
            } catch (RuntimeException e) {
                err().println("audit proof failed: " + e.getMessage());
                return 2;
            }
        }

        private int verifyProof() {
            try {
                String text = verifyFile.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(verifyFile), StandardCharsets.UTF_8);
                InclusionProofText proof = InclusionProofText.parseAndVerify(text);
                long size = proof.proof().treeSize();
                String witnessedNote;
                String against;
                if (checkpointFile != null) {
                    if (logKey == null) {
                        err().println("--checkpoint needs --log-key to check the checkpoint's signature");
                        return 2;
                    }
                    witnessedNote = Files.readString(checkpointFile, StandardCharsets.UTF_8);
                    against = "the signed checkpoint " + checkpointFile;
                } else {
                    FileWitness folder = new FileWitness(witnessDir != null ? witnessDir : defaultDataDir().resolve("audit").resolve("witness"));
                    witnessedNote = folder.note(size).orElse(null);
                    against = "the witnessed checkpoint of size " + size + " in " + folder.dir();
                    if (witnessedNote == null) {
                        out().printf("SELF-CONSISTENT ONLY: entry %d hashes to a root of a tree of size %d, but no witnessed checkpoint"
                                + " of that size was found in %s, so this does not show the entry is in the audit log."
                                + " Check it against a signed checkpoint: --checkpoint FILE --log-key KEY, or --witness-dir DIR.%n",
                                proof.proof().leafIndex(), size, folder.dir());
                        return 0;
                    }
                }
                Checkpoint c = checkpointVerifier(witnessedNote).verify(witnessedNote).checkpoint();
                if (c.size() != size || !MessageDigest.isEqual(c.rootHash(), proof.root())) {
                    err().println("proof rejected: its root is not the root of " + against + " (size " + c.size() + ")");
                    return 1;
                }
                out().printf("OK: entry %d is in the tree of size %d with root %s, which is %s (origin %s)%n", proof.proof().leafIndex(),
                        size, Base64.getEncoder().encodeToString(proof.root()), against, c.origin());
                return 0;
            } catch (InvalidProofException | InvalidCheckpointException e) {
                err().println("proof rejected: " + e.getMessage());
                return 1;
            } catch (IOException | RuntimeException e) {
                err().println("could not check the proof: " + e.getMessage());
                return 2;
            }
        }

        /** --log-key, else the public key beside this node's log key, named as the checkpoint's origin (the signature binds the name). */
        private CheckpointVerifier checkpointVerifier(String note) throws InvalidCheckpointException {
            if (logKey != null) {
                NoteVerifier key = NoteVerifier.parse(logKey);
                return CheckpointVerifier.forLog(key.name(), key);
            }
            Path keyFile = defaultDataDir().resolve("audit").resolve("log-key.pem");
            if (!Files.exists(KeyFiles.publicFile(keyFile))) {
                throw new IllegalStateException("no log key at " + KeyFiles.publicFile(keyFile) + "; pass the log's verifier key with --log-key");
            }
            String origin = Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1)).origin();
            return CheckpointVerifier.forLog(origin, new NoteVerifier(origin, KeyFiles.loadPublic(keyFile)));
        }

        private Path defaultDataDir() {
            return Path.of(dataDir != null ? dataDir : System.getenv().getOrDefault("BESA_DATA_DIR", "./data"));
        }
    }

}
