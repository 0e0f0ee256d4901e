package besa.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The attacks of issue 4 against the audit table, each of which must be named at the right entry. */
class LedgerAuditorTest {

    static final String ORIGIN = "besa.example/audit";
    static final int N = 1000;

    List<StoredEntry> table;
    Checkpoint at400;
    Checkpoint at1000;

    @BeforeEach
    void writeTheLog() {
        MerkleLog log = MerkleLog.inMemory();
        table = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            byte[] data = event(i, "officer-" + (i % 7) + " viewed person-" + i);
            long index = log.append(data);
            table.add(new StoredEntry(index, data, log.leafHash(index)));
        }
        at400 = new Checkpoint(ORIGIN, 400, log.root(400));
        at1000 = new Checkpoint(ORIGIN, N, log.root());
    }

    static byte[] event(int index, String what) {
        return ("{\"index\":" + index + ",\"what\":\"" + what + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    AuditReport audit(List<StoredEntry> rows, Checkpoint... checkpoints) {
        return LedgerAuditor.audit(rows.iterator(), List.of(checkpoints));
    }

    @Test
    void untouchedTablePasses() {
        AuditReport report = audit(table, at400, at1000);
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.entriesRead()).isEqualTo(N);
        assertThat(report.recomputedRoot()).isEqualTo(at1000.rootHash());
        assertThat(report.summary()).startsWith("OK: 1000 entries verified");
    }

    @Test
    void alteredRowIsNamed() {
        StoredEntry original = table.get(517);
        table.set(517, new StoredEntry(517, event(517, "nobody viewed anything"), original.leafHash()));
        AuditReport report = audit(table, at1000);
        assertThat(report.ok()).isFalse();
        assertThat(report.firstProblem()).get().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(AuditFinding.Kind.ALTERED_ENTRY);
            assertThat(f.index()).isEqualTo(517);
        });
        assertThat(report.findingCount()).as("the consequent root mismatch is not reported again").isEqualTo(1);
        assertThat(report.summary()).contains("TAMPERED").contains("ALTERED_ENTRY at entry 517");
    }

    @Test
    void deletedRowIsNamed() {
        table.remove(250);
        AuditReport report = audit(table, at1000);
        assertThat(report.firstProblem()).get().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(AuditFinding.Kind.MISSING_ENTRY);
            assertThat(f.index()).isEqualTo(250);
            assertThat(f.message()).contains("entry 250 is missing");
        });
    }

    @Test
    void truncatedTailIsNamed() {
        List<StoredEntry> truncated = table.subList(0, 990);
        AuditReport report = audit(truncated, at400, at1000);
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(AuditFinding.Kind.TRUNCATED);
            assertThat(f.index()).isEqualTo(990);
            assertThat(f.message()).contains("entries 990 to 999 were deleted");
        });
        assertThat(audit(List.of(), at1000).firstProblem()).get()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(AuditFinding.Kind.TRUNCATED));
    }

    @Test
    void tableRebuiltWithFreshConsistentHashesIsCaught() {
        // A superuser rewrites entry 700 and recomputes its leaf hash: every row is self-consistent.
        byte[] data = event(700, "rewritten by a superuser");
        table.set(700, new StoredEntry(700, data, MerkleHashes.leafHash(data)));
        AuditReport report = audit(table, at400, at1000);
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(AuditFinding.Kind.ROOT_MISMATCH);
            assertThat(f.index()).as("narrowed by the still-valid checkpoint at 400").isEqualTo(400);
            assertThat(f.message()).contains("entries 400 to 999").contains("signed checkpoint of size 1000");
        });
    }

    @Test
    void tableRebuiltFromScratchIsCaughtAtTheFirstCheckpoint() {
        List<StoredEntry> rebuilt = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            byte[] data = event(i, "innocuous " + i);
            rebuilt.add(new StoredEntry(i, data, MerkleHashes.leafHash(data)));
        }
        AuditReport report = audit(rebuilt, at400, at1000);
        assertThat(report.firstProblem()).get().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(AuditFinding.Kind.ROOT_MISMATCH);
            assertThat(f.index()).isEqualTo(0);
        });
    }

    @Test
    void deletedRowWithRenumberedSuccessorsIsCaught() {
        // Delete entry 300 and shift every later row down one, fixing indices: no gap remains.
        List<StoredEntry> renumbered = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            if (i == 300) {
                continue;
            }
            StoredEntry e = table.get(i);
            renumbered.add(new StoredEntry(renumbered.size(), e.data(), e.leafHash()));
        }
        AuditReport report = audit(renumbered, at400, at1000);
        assertThat(report.firstProblem()).get().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(AuditFinding.Kind.ROOT_MISMATCH);
            assertThat(f.index()).isEqualTo(0);
        });
        assertThat(report.findings()).extracting(AuditFinding::kind).contains(AuditFinding.Kind.TRUNCATED);
    }

    @Test
    void reorderedOrDuplicatedRowsAreNamed() {
        table.set(10, table.get(9));
        AuditReport report = audit(table, at1000);
        assertThat(report.firstProblem()).get().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(AuditFinding.Kind.OUT_OF_ORDER);
            assertThat(f.index()).isEqualTo(9);
        });
    }

    @Test
    void entriesAfterTheLatestCheckpointAreCheckedRowByRowAndCounted() {
        AuditReport report = audit(table, at400);
        assertThat(report.ok()).isTrue();
        assertThat(report.unwitnessedEntries()).isEqualTo(600);
        assertThat(report.summary()).contains("600 newer entries not yet covered");

        StoredEntry e = table.get(900);
        table.set(900, new StoredEntry(900, e.data(), MerkleHashes.leafHash(new byte[] {1})));
        assertThat(audit(table, at400).firstProblem()).get()
                .satisfies(f -> assertThat(f.index()).isEqualTo(900));
    }

    @Test
    void firstBadEntryWinsWhenSeveralAttacksCombine() {
        table.remove(999);
        table.remove(600);
        StoredEntry e = table.get(100);
        table.set(100, new StoredEntry(100, event(100, "edited"), e.leafHash()));
        AuditReport report = audit(table, at1000);
        assertThat(report.findings()).extracting(AuditFinding::kind).containsExactly(
                AuditFinding.Kind.ALTERED_ENTRY, AuditFinding.Kind.MISSING_ENTRY, AuditFinding.Kind.TRUNCATED);
        assertThat(report.findings()).extracting(AuditFinding::index).containsExactly(100L, 600L, 999L);
    }

    @Test
    void withoutCheckpointsOnlyRowChecksRunAndEverythingIsUnwitnessed() {
        AuditReport clean = LedgerAuditor.audit(table.iterator(), List.of());
        assertThat(clean.ok()).isTrue();
        assertThat(clean.unwitnessedEntries()).isEqualTo(N);
        table.remove(5);
        assertThat(LedgerAuditor.audit(table.iterator(), List.of()).firstProblem()).get()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(AuditFinding.Kind.MISSING_ENTRY));
    }

    @Test
    void checkpointsMustAgreeAmongThemselves() {
        Checkpoint forked = new Checkpoint(ORIGIN, 400, MerkleHashes.leafHash(new byte[0]));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LedgerAuditor(List.of(at400, forked)))
                .hasMessageContaining("size 400 have different roots");
        Checkpoint otherLog = new Checkpoint("other.example/log", 400, at400.rootHash());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LedgerAuditor(List.of(at1000, otherLog)))
                .hasMessageContaining("different logs");
    }

    @Test
    void streamingVerifierMatchesASignedCheckpoint() {
        StreamingVerifier verifier = new StreamingVerifier();
        table.forEach(e -> verifier.addLeafData(e.data()));
        assertThat(verifier.matches(at1000)).isTrue();
        assertThat(verifier.matches(at400)).isFalse();
    }
}
