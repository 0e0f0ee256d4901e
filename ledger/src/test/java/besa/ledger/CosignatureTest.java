package besa.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timestamped witness cosignatures, c2sp.org/tlog-cosignature "cosignature/v1" (signature type 0x04). */
class CosignatureTest {

    /**
     * A real checkpoint of the public staging Certificate Transparency log
     * arche2025h1.staging.ct.transparency.dev, co-signed by four public witnesses, as quoted in a
     * third-party signed-note test suite. The verifier keys are the ones the log and witness
     * operators publish (transparency.dev witness network). The first line is an RFC 6962
     * TreeHeadSignature (type 0x05), which Besa does not speak and must ignore.
     */
    static final String REAL_CHECKPOINT = """
            arche2025h1.staging.ct.transparency.dev
            1432088532
            U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=

            \u2014 arche2025h1.staging.ct.transparency.dev zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFbon5Ch9MNL5zRNZ55lvGt0=
            \u2014 arche2025h1.staging.ct.transparency.dev ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=
            \u2014 transparency.dev/DEV:witness-little-garden 2AQqhwAAAABqEiEgzgFIqqhbUoDwjMWE6UP8nd8/KYTzwZ2rhIgcqoXHAwVkjZr4AscylP3v7sEodkRAErumC2q44vdgJY096st5BQ==
            \u2014 witness1.smartit.nu/witness1 pIyCDwAAAABqEiEghIp82KWebrw7/oHQwlTAm3g2RKS4+eebl8eO0WH+/iEcxZ75W3u5hNI7TOQtmJbqmNWVuE0tgh0XwzdZsDsUAQ==
            \u2014 remora.n621.de 2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==
            \u2014 witness.stagemole.eu Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/2TUFucgKi7lI7cUiOvKFYe/TmN9DAg==
            """;
    static final String LOG_KEY =
            "arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f";
    static final List<String> WITNESS_KEYS = List.of(
            "transparency.dev/DEV:witness-little-garden+d8042a87+BCtusOxINQNUTN5Oj8HObRkh2yHf/MwYaGX4CPdiVEPM",
            "witness1.smartit.nu/witness1+a48c820f+BPSFWg9G6KPiO7QPryYO5Xq4oYJJ+kAvLKLSimDhoxMO",
            "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2",
            "witness.stagemole.eu+67f7aea0+BEqSG3yu9YrmcM3BHvQYTxwFj3uSWakQepafafpUqklv");

    static CheckpointVerifier realVerifier(int quorum) {
        return new CheckpointVerifier("arche2025h1.staging.ct.transparency.dev", NoteVerifier.parse(LOG_KEY),
                WITNESS_KEYS.stream().map(NoteVerifier::parse).toList(), quorum);
    }

    @Test
    void verifiesARealCheckpointCosignedByFourPublicWitnesses() throws Exception {
        CheckpointVerifier.VerifiedCheckpoint verified = realVerifier(4).verify(REAL_CHECKPOINT);
        assertThat(verified.checkpoint().size()).isEqualTo(1432088532L);
        assertThat(verified.cosigners()).containsExactly("transparency.dev/DEV:witness-little-garden",
                "witness1.smartit.nu/witness1", "remora.n621.de", "witness.stagemole.eu");
        // All four carry the same timestamp, 0x6a122120.
        assertThat(verified.cosignedAt()).containsValue(0x6a122120L).hasSize(4);
        assertThat(NoteVerifier.parse(WITNESS_KEYS.get(2)).type()).isEqualTo(SignatureType.COSIGNATURE_V1);
    }

    @Test
    void aCosignatureOverAnotherTreeIsRejected() {
        String otherSize = REAL_CHECKPOINT.replace("\n1432088532\n", "\n1432088533\n");
        assertThatThrownBy(() -> realVerifier(4).verify(otherSize)).hasMessageContaining("does not verify");
        // With the log line dropped the note is rejected for lack of the log's signature.
        String withoutLog = REAL_CHECKPOINT.replaceAll("(?m)^\u2014 arche2025h1\\S* ui8G\\S*\\n", "");
        assertThatThrownBy(() -> realVerifier(0).verify(withoutLog)).hasMessageContaining("not signed by the trusted log key");
    }

    @Test
    void besaWitnessesCanProduceCosignatureV1() throws Exception {
        NoteSigner log = new NoteSigner("besa.example/audit", Ed25519Keys.generate());
        Clock fixed = Clock.fixed(Instant.ofEpochSecond(1_763_900_000L), ZoneOffset.UTC);
        NoteSigner witness = NoteSigner.cosignatureV1("witness.besa.example", Ed25519Keys.generate(), fixed);
        assertThat(witness.verifier().verifierKey()).contains("+B").as("type byte 0x04 encodes as base64 'B...'");
        NoteVerifier parsed = NoteVerifier.parse(witness.verifier().verifierKey());
        assertThat(parsed.keyId()).isEqualTo(witness.verifier().keyId());
        assertThat(parsed.type()).isEqualTo(SignatureType.COSIGNATURE_V1);

        Checkpoint checkpoint = new Checkpoint("besa.example/audit", 8, Rfc6962Vectors.hex(Rfc6962Vectors.ROOT[8]));
        String cosigned = witness.cosign(log.sign(checkpoint));
        CheckpointVerifier verifier = new CheckpointVerifier("besa.example/audit", log.verifier(), List.of(parsed), 1);
        assertThat(verifier.verify(cosigned).cosignedAt()).containsEntry("witness.besa.example", 1_763_900_000L);

        // The same key as a plain Ed25519 verifier has another key id: the cosignature does not count.
        NoteVerifier plain = new NoteVerifier("witness.besa.example", parsed.publicKey());
        assertThat(plain.keyId()).isNotEqualTo(parsed.keyId());
        assertThatThrownBy(() -> new CheckpointVerifier("besa.example/audit", log.verifier(), List.of(plain), 1)
                .verify(cosigned)).hasMessageContaining("co-signed by 0");

        // Changing the timestamp inside the signature line breaks it.
        SignedNote note = SignedNote.parse(cosigned);
        SignedNote.Signature sig = note.signatures().get(1);
        byte[] bytes = sig.signature();
        bytes[7] ^= 1;
        String retimed = new SignedNote(note.text(), List.of(note.signatures().getFirst(),
                new SignedNote.Signature(sig.keyName(), sig.keyId(), bytes))).encode();
        assertThatThrownBy(() -> verifier.verify(retimed)).hasMessageContaining("does not verify");
    }

    @Test
    void theLogKeyMustBeAPlainEd25519Key() {
        NoteVerifier cosigner = NoteVerifier.parse(WITNESS_KEYS.get(0));
        assertThatThrownBy(() -> CheckpointVerifier.forLog("x", cosigner)).hasMessageContaining("plain Ed25519");
    }
}
