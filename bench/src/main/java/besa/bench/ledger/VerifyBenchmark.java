package besa.bench.ledger;

import besa.ledger.AuditReport;
import besa.ledger.Checkpoint;
import besa.ledger.Frontier;
import besa.ledger.LedgerAuditor;
import besa.ledger.MerkleHashes;
import besa.ledger.StoredEntry;
import besa.ledger.StreamingVerifier;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One full verification pass over {@code entries} audit events (single shot, seconds), what
 * {@code besa audit verify} does minus reading the rows from PostgreSQL. Events are generated on
 * the fly; the stored leaf hashes are precomputed in setup (320 MB for 10M) as the table holds them.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@State(Scope.Benchmark)
public class VerifyBenchmark {

    @Param({"10000000"})
    public int entries;

    private byte[] storedHashes;
    private Checkpoint checkpoint;

    @Setup(Level.Trial)
    public void writeTable() {
        storedHashes = new byte[entries * MerkleHashes.HASH_SIZE];
        Frontier frontier = new Frontier();
        for (int i = 0; i < entries; i++) {
            byte[] hash = MerkleHashes.leafHash(Events.event(i));
            System.arraycopy(hash, 0, storedHashes, i * MerkleHashes.HASH_SIZE, MerkleHashes.HASH_SIZE);
            frontier.appendLeafHash(hash);
        }
        checkpoint = new Checkpoint("besa.example/audit", entries, frontier.root());
    }

    /** Root recomputed from the event data of every entry (leaf hash + tree), O(log n) memory. */
    @Benchmark
    public byte[] streamingVerifierFromData() {
        StreamingVerifier verifier = new StreamingVerifier();
        for (int i = 0; i < entries; i++) {
            verifier.addLeafData(Events.event(i));
        }
        if (!verifier.matches(checkpoint)) {
            throw new IllegalStateException("root mismatch");
        }
        return verifier.root();
    }

    /** Root recomputed from the stored leaf hashes only (tree only). */
    @Benchmark
    public byte[] streamingVerifierFromLeafHashes() {
        StreamingVerifier verifier = new StreamingVerifier();
        for (int i = 0; i < entries; i++) {
            verifier.addLeafHash(java.util.Arrays.copyOfRange(storedHashes, i * MerkleHashes.HASH_SIZE,
                    (i + 1) * MerkleHashes.HASH_SIZE));
        }
        if (!verifier.matches(checkpoint)) {
            throw new IllegalStateException("root mismatch");
        }
        return verifier.root();
    }

    /** The full tamper audit: per-row leaf hash check, index gaps, root against the checkpoint. */
    @Benchmark
    public AuditReport ledgerAuditor() {
        LedgerAuditor auditor = new LedgerAuditor(List.of(checkpoint));
        for (int i = 0; i < entries; i++) {
            byte[] stored = java.util.Arrays.copyOfRange(storedHashes, i * MerkleHashes.HASH_SIZE,
                    (i + 1) * MerkleHashes.HASH_SIZE);
            auditor.accept(new StoredEntry(i, Events.event(i), stored));
        }
        AuditReport report = auditor.finish();
        if (!report.ok()) {
            throw new IllegalStateException(report.summary());
        }
        return report;
    }
}
