package besa.audit;

import besa.ledger.Checkpoint;
import besa.ledger.CheckpointVerifier;
import besa.ledger.ConsistencyProof;
import besa.ledger.InvalidCheckpointException;
import besa.ledger.MerkleLog;
import besa.ledger.NoteSigner;
import besa.ledger.NoteVerifier;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs checkpoints of the audit log with the log key (a file outside the database) and hands
 * them to the witnesses: the witness folder first (it must accept, or the checkpoint fails), then
 * the peer nodes' HTTP witnesses, whose co-signatures are added to the note kept in the folder.
 */
public class AuditCheckpoints {
    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final AuditLog auditLog;
    private final AuditSettings settings;
    private final FileWitness folder;
    private final PeerWitnesses peers;
    private volatile NoteSigner signer;

    public AuditCheckpoints(AuditLog auditLog, AuditSettings settings, FileWitness folder, PeerWitnesses peers) {
        this.auditLog = auditLog;
        this.settings = settings;
        this.folder = folder;
        this.peers = peers;
    }

    /** A signed checkpoint of the log as it is now, accepted by the witness folder, with the peers' co-signatures. */
    public synchronized String checkpoint() throws WitnessRefusedException {
        MerkleLog m = auditLog.merkleLog();
        long size = m.size();
        byte[] root = m.root(size);
        CheckpointVerifier verifier = verifier();
        Optional<Checkpoint> held;
        try {
            held = folder.latest(verifier);
        } catch (InvalidCheckpointException e) {
            throw new WitnessRefusedException("the witness folder holds a checkpoint the log key does not verify: "
                    + e.getMessage(), 0, e);
        }
        if (held.isPresent() && held.get().size() == size && java.security.MessageDigest.isEqual(held.get().rootHash(), root)) {
            return folder.latestNote().orElseThrow(); // nothing new since the last checkpoint
        }
        String note = signer().sign(new Checkpoint(settings.origin(), size, root));
        ConsistencyProof proof = held.isPresent() && held.get().size() < size
                ? m.consistencyProof(held.get().size(), size) : null;
        folder.accept(note, proof, verifier);
        String cosigned = note;
        for (String url : settings.witnessUrls()) {
            try {
                cosigned = SignedNotes.addSignatures(cosigned, peers.submit(url, note, m));
            } catch (RuntimeException | WitnessRefusedException e) {
                log.warn("Witness {} did not co-sign checkpoint {}: {}", url, size, e.getMessage());
            }
        }
        if (!cosigned.equals(note)) folder.accept(cosigned, null, verifier);
        return cosigned;
    }

    /** The log's public key as a signed-note verifier key (safe to publish). */
    public NoteVerifier logVerifier() {
        return signer().verifier();
    }

    public CheckpointVerifier verifier() {
        return CheckpointVerifier.forLog(settings.origin(), logVerifier());
    }

    public FileWitness folder() {
        return folder;
    }

    private NoteSigner signer() {
        NoteSigner s = signer;
        if (s == null) {
            synchronized (this) {
                if (signer == null) {
                    signer = new NoteSigner(settings.origin(), KeyFiles.loadOrCreate(settings.keyFile()));
                    log.info("Audit log {} signs checkpoints with verifier key {}", settings.origin(), signer.verifier().verifierKey());
                }
                s = signer;
            }
        }
        return s;
    }
}
