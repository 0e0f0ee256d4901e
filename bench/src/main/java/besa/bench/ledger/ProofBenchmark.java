package besa.bench.ledger;

import besa.ledger.ConsistencyProof;
import besa.ledger.InclusionProof;
import besa.ledger.InvalidProofException;
import besa.ledger.MerkleLog;
import java.util.SplittableRandom;
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

/** Roots and proofs on a log of {@code size} leaves (built once per fork). Average time per operation. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@State(Scope.Benchmark)
public class ProofBenchmark {

    @Param({"1000000"})
    public long size;

    private MerkleLog log;
    private byte[] root;
    private static final int SAMPLES = 1024;
    private final long[] indices = new long[SAMPLES];
    private final InclusionProof[] proofs = new InclusionProof[SAMPLES];
    private final byte[][] leafHashes = new byte[SAMPLES][];
    private int next;

    @Setup(Level.Trial)
    public void build() {
        log = MerkleLog.inMemory();
        for (long i = 0; i < size; i++) {
            log.append(Events.event(i));
        }
        root = log.root();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < SAMPLES; i++) {
            indices[i] = random.nextLong(size);
            proofs[i] = log.inclusionProof(indices[i], size);
            leafHashes[i] = log.leafHash(indices[i]);
        }
    }

    /** Cycles through random leaves chosen in setup, so no per-call setup distorts the timing. */
    private int sample() {
        next = (next + 1) & (SAMPLES - 1);
        return next;
    }

    /** Current root from the frontier. */
    @Benchmark
    public byte[] currentRoot() {
        return log.root();
    }

    /** Root at an older size (as when checking an old checkpoint): cached subtrees plus the edge. */
    @Benchmark
    public byte[] historicalRoot() {
        return log.root(size - 1 - indices[sample()] % 1000);
    }

    @Benchmark
    public InclusionProof inclusionProofGenerate() {
        return log.inclusionProof(indices[sample()], size);
    }

    @Benchmark
    public byte[] inclusionProofVerify() throws InvalidProofException {
        int i = sample();
        proofs[i].verify(leafHashes[i], root);
        return leafHashes[i];
    }

    @Benchmark
    public ConsistencyProof consistencyProofGenerate() {
        return log.consistencyProof(indices[sample()] + 1, size);
    }
}
