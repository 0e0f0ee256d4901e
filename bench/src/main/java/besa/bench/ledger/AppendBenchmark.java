package besa.bench.ledger;

import besa.ledger.Frontier;
import besa.ledger.MerkleHashes;
import besa.ledger.MerkleLog;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Append throughput of the in-memory part of the audit ledger: hashing the event and updating
 * the tree (frontier and subtree cache) plus the in-memory leaf store. The log is fresh each
 * iteration so memory stays bounded.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@State(Scope.Benchmark)
public class AppendBenchmark {

    private MerkleLog log;
    private Frontier frontier;
    private final java.util.concurrent.atomic.AtomicLong counter = new java.util.concurrent.atomic.AtomicLong();

    @Setup(Level.Iteration)
    public void freshLog() {
        log = MerkleLog.inMemory();
        frontier = new Frontier();
    }

    /** Event bytes to leaf hash to tree, one thread. */
    @Benchmark
    public long appendEvent() {
        return log.append(Events.event(counter.getAndIncrement()));
    }

    /** The same with two threads appending at once (the machine has two cores). */
    @Benchmark
    @Threads(2)
    public long appendEventTwoThreads() {
        return log.append(Events.event(counter.getAndIncrement()));
    }

    /** The tree update alone: frontier append of a ready leaf hash (no store, no event encoding). */
    @Benchmark
    public long frontierAppendLeafHash() {
        long i = counter.getAndIncrement();
        frontier.appendLeafHash(MerkleHashes.leafHash(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)}));
        return frontier.size();
    }
}
