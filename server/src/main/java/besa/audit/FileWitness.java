package besa.audit;

import besa.ledger.Checkpoint;
import besa.ledger.CheckpointVerifier;
import besa.ledger.ConsistencyProof;
import besa.ledger.InvalidCheckpointException;
import besa.ledger.InvalidProofException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A witness that is a folder, outside the database (ideally another disk, a mounted share or
 * write-once storage): it keeps every signed checkpoint it accepts as {@code checkpoint-<size>.txt}
 * and accepts a new one only if the log signed it and it extends the latest one it holds, as a
 * consistency proof shows. A rewritten table therefore cannot get its new root into the folder.
 */
public final class FileWitness {
    private final Path dir;

    public FileWitness(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The latest signed checkpoint note in the folder (the largest size), as stored. */
    public synchronized Optional<String> latestNote() {
        if (!Files.isDirectory(dir)) return Optional.empty();
        try (Stream<Path> files = Files.list(dir)) {
            Optional<Path> last = files.filter(p -> p.getFileName().toString().matches("checkpoint-\\d{20}\\.txt"))
                    .max(Path::compareTo);
            return last.isEmpty() ? Optional.empty() : Optional.of(Files.readString(last.get(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the witness folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The note kept for the checkpoint of exactly {@code size} entries, if the folder accepted one. */
    public Optional<String> note(long size) {
        Path file = dir.resolve(String.format("checkpoint-%020d.txt", size));
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint of {@link #latestNote()}, checked with {@code verifier}. */
    public Optional<Checkpoint> latest(CheckpointVerifier verifier) throws InvalidCheckpointException {
        Optional<String> note = latestNote();
        return note.isEmpty() ? Optional.empty() : Optional.of(verifier.verify(note.get()).checkpoint());
    }

    /**
     * Stores {@code note} if it extends the latest checkpoint held. {@code proof} goes from the
     * latest held size to the new size (null when the folder is empty or the size is unchanged).
     */
    public synchronized void accept(String note, ConsistencyProof proof, CheckpointVerifier verifier) throws WitnessRefusedException {
        long heldSize = 0;
        try {
            Checkpoint next = verifier.verify(note).checkpoint();
            Optional<Checkpoint> held = latest(verifier);
            if (held.isPresent()) {
                Checkpoint last = held.get();
                heldSize = last.size();
                if (next.size() < last.size()) {
                    throw new WitnessRefusedException("checkpoint of size " + next.size() + " is smaller than the size "
                            + last.size() + " this witness already holds: the log was truncated", heldSize, null);
                }
                if (next.size() == last.size() && !MessageDigest.isEqual(next.rootHash(), last.rootHash())) {
                    throw new WitnessRefusedException("checkpoint of size " + next.size()
                            + " has a different root than the one this witness holds: the log was rewritten", heldSize, null);
                }
                if (next.size() > last.size()) {
                    if (proof == null || proof.firstSize() != last.size() || proof.secondSize() != next.size()) {
                        throw new WitnessRefusedException("a consistency proof from size " + last.size() + " to "
                                + next.size() + " is required", heldSize, null);
                    }
                    proof.verify(last.rootHash(), next.rootHash());
                }
            }
            write(next.size(), note);
        } catch (InvalidCheckpointException | InvalidProofException e) {
            throw new WitnessRefusedException("witness folder " + dir + " refused the checkpoint: " + e.getMessage(), heldSize, e);
        }
    }

    private void write(long size, String note) {
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(String.format("checkpoint-%020d.txt", size));
            Path tmp = Files.createTempFile(dir, ".checkpoint", ".tmp");
            Files.writeString(tmp, note, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to the witness folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
