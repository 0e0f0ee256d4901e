package besa.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    static final String ORIGIN = "besa.example/audit";
    static KeyPair logKeys;
    static KeyPair witnessAKeys;
    static KeyPair witnessBKeys;
    static NoteSigner log;
    static NoteSigner witnessA;
    static NoteSigner witnessB;
    static Checkpoint checkpoint;

    @BeforeAll
    static void keys() {
        logKeys = Ed25519Keys.generate();
        witnessAKeys = Ed25519Keys.generate();
        witnessBKeys = Ed25519Keys.generate();
        log = new NoteSigner(ORIGIN, logKeys);
        witnessA = new NoteSigner("witness.tirana.example", witnessAKeys);
        witnessB = new NoteSigner("witness.durres.example", witnessBKeys);
        checkpoint = new Checkpoint(ORIGIN, 8, Rfc6962Vectors.hex(Rfc6962Vectors.ROOT[8]));
    }

    // --- format ---------------------------------------------------------------------------

    @Test
    void bodyIsTheTlogCheckpointFormat() throws Exception {
        assertThat(checkpoint.body()).isEqualTo(ORIGIN + "\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n");
        assertThat(Checkpoint.parse(checkpoint.body())).isEqualTo(checkpoint);
        Checkpoint withExtension = new Checkpoint(ORIGIN, 8, checkpoint.rootHash(), List.of("time 1763900000"));
        assertThat(Checkpoint.parse(withExtension.body()).extensions()).containsExactly("time 1763900000");
    }

    @Test
    void malformedCheckpointsAreExplainedLineByLine() {
        String root = Base64.getEncoder().encodeToString(checkpoint.rootHash());
        assertThatThrownBy(() -> Checkpoint.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Checkpoint.parse(ORIGIN + "\n8\n" + root))
                .hasMessageContaining("end with a newline");
        assertThatThrownBy(() -> Checkpoint.parse(ORIGIN + "\n8\n"))
                .hasMessageContaining("at least 3");
        assertThatThrownBy(() -> Checkpoint.parse("\n8\n" + root + "\n"))
                .hasMessageContaining("line 1 (origin)");
        assertThatThrownBy(() -> Checkpoint.parse(ORIGIN + "\n-8\n" + root + "\n"))
                .hasMessageContaining("line 2 (tree size)").hasMessageContaining("not a decimal");
        assertThatThrownBy(() -> Checkpoint.parse(ORIGIN + "\n008\n" + root + "\n"))
                .hasMessageContaining("line 2 (tree size)").hasMessageContaining("leading zero");
        assertThatThrownBy(() -> Checkpoint.parse(ORIGIN + "\n99999999999999999999\n" + root + "\n"))
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> Checkpoint.parse(ORIGIN + "\n8\n!!notbase64\n"))
                .hasMessageContaining("line 3 (root hash)").hasMessageContaining("base64");
        assertThatThrownBy(() -> Checkpoint.parse(ORIGIN + "\n8\nAAAA\n"))
                .hasMessageContaining("line 3 (root hash)").hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> Checkpoint.parse(ORIGIN + "\n8\n" + root + "\n\n"))
                .hasMessageContaining("line 4 is empty");
    }

    @Test
    void malformedNotesAreExplained() {
        String signed = log.sign(checkpoint);
        assertThatThrownBy(() -> SignedNote.parse(checkpoint.body()))
                .hasMessageContaining("no blank line");
        assertThatThrownBy(() -> SignedNote.parse(checkpoint.body() + "\n"))
                .hasMessageContaining("no signature lines");
        assertThatThrownBy(() -> SignedNote.parse(signed.replace("\u2014 ", "- ")))
                .hasMessageContaining("line 5").hasMessageContaining("em dash");
        assertThatThrownBy(() -> SignedNote.parse(signed.substring(0, signed.length() - 1)))
                .hasMessageContaining("end with a newline");
        assertThatThrownBy(() -> SignedNote.parse(signed.replace("\n8\n", "\n8\r\n")))
                .hasMessageContaining("control character 0xd");
        String sig = signed.substring(signed.lastIndexOf(' ') + 1, signed.length() - 1);
        assertThatThrownBy(() -> SignedNote.parse(signed.replace(sig, "@@@")))
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> SignedNote.parse(signed.replace(sig, "AAAA")))
                .hasMessageContaining("4-byte key id");
    }

    // --- signing and verification -----------------------------------------------------------

    @Test
    void signedCheckpointVerifies() throws Exception {
        String signed = log.sign(checkpoint);
        assertThat(signed).startsWith(checkpoint.body() + "\n\u2014 " + ORIGIN + " ");
        CheckpointVerifier.VerifiedCheckpoint verified = CheckpointVerifier.forLog(ORIGIN, log.verifier()).verify(signed);
        assertThat(verified.checkpoint()).isEqualTo(checkpoint);
        assertThat(verified.cosigners()).isEmpty();
    }

    @Test
    void forgedSignatureIsRejected() throws Exception {
        String signed = log.sign(checkpoint);
        SignedNote note = SignedNote.parse(signed);
        byte[] sig = note.signatures().getFirst().signature();
        sig[10] ^= 1;
        String forged = new SignedNote(note.text(), List.of(new SignedNote.Signature(ORIGIN, log.verifier().keyId(), sig)))
                .encode();
        assertThatThrownBy(() -> CheckpointVerifier.forLog(ORIGIN, log.verifier()).verify(forged))
                .isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("signature by " + ORIGIN).hasMessageContaining("does not verify");
    }

    @Test
    void alteredCheckpointTextIsRejected() {
        String signed = log.sign(checkpoint);
        String bigger = signed.replace("\n8\n", "\n9\n");
        assertThatThrownBy(() -> CheckpointVerifier.forLog(ORIGIN, log.verifier()).verify(bigger))
                .isInstanceOf(InvalidCheckpointException.class).hasMessageContaining("does not verify");
    }

    @Test
    void checkpointSignedByAForeignKeyIsRejected() {
        // Same name, different key: the key id differs, so the signature is ignored and nothing trusted remains.
        NoteSigner impostor = new NoteSigner(ORIGIN, Ed25519Keys.generate());
        String signed = impostor.sign(checkpoint);
        assertThatThrownBy(() -> CheckpointVerifier.forLog(ORIGIN, log.verifier()).verify(signed))
                .isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("not signed by the trusted log key")
                .hasMessageContaining(impostor.verifier().keyIdHex());
    }

    @Test
    void checkpointOfAnotherLogIsRejected() {
        String signed = log.sign(new Checkpoint("other.example/log", 8, checkpoint.rootHash()));
        assertThatThrownBy(() -> CheckpointVerifier.forLog(ORIGIN, log.verifier()).verify(signed))
                .isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("origin 'other.example/log' is not the expected '" + ORIGIN + "'");
    }

    @Test
    void witnessesCoSignAndTheQuorumIsEnforced() throws Exception {
        CheckpointVerifier twoOfTwo = new CheckpointVerifier(ORIGIN, log.verifier(),
                List.of(witnessA.verifier(), witnessB.verifier()), 2);
        String signed = log.sign(checkpoint);
        String oneCosig = witnessA.cosign(signed);
        assertThatThrownBy(() -> twoOfTwo.verify(oneCosig))
                .isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("co-signed by 1 trusted witnesses").hasMessageContaining("2 are required");
        String both = witnessB.cosign(oneCosig);
        assertThat(SignedNote.parse(both).signatures()).hasSize(3);
        assertThat(twoOfTwo.verify(both).cosigners())
                .containsExactly("witness.tirana.example", "witness.durres.example");
        assertThat(witnessA.cosign(both)).as("co-signing twice adds nothing").isEqualTo(both);

        // A forged co-signature from a trusted witness rejects the whole note.
        SignedNote note = SignedNote.parse(both);
        SignedNote.Signature b = note.signatures().get(2);
        byte[] bad = b.signature();
        bad[0] ^= 1;
        String forged = new SignedNote(note.text(), List.of(note.signatures().get(0), note.signatures().get(1),
                new SignedNote.Signature(b.keyName(), b.keyId(), bad))).encode();
        assertThatThrownBy(() -> twoOfTwo.verify(forged)).hasMessageContaining("witness.durres.example")
                .hasMessageContaining("does not verify");

        // Co-signatures from keys the verifier does not know do not count.
        NoteSigner stranger = new NoteSigner("stranger.example", Ed25519Keys.generate());
        String withStranger = stranger.cosign(oneCosig);
        assertThatThrownBy(() -> twoOfTwo.verify(withStranger)).hasMessageContaining("co-signed by 1");
    }

    // --- keys -----------------------------------------------------------------------------

    @Test
    void keysRoundTripThroughPkcs8X509AndPem() throws Exception {
        NoteSigner restored = new NoteSigner(ORIGIN,
                Ed25519Keys.decodePrivate(Ed25519Keys.encodePrivate(logKeys.getPrivate())),
                Ed25519Keys.decodePublic(Ed25519Keys.encodePublic(logKeys.getPublic())));
        assertThat(restored.verifier().keyId()).isEqualTo(log.verifier().keyId());
        CheckpointVerifier.forLog(ORIGIN, log.verifier()).verify(restored.sign(checkpoint));

        NoteSigner fromPem = new NoteSigner(ORIGIN, Ed25519Keys.privateFromPem(Ed25519Keys.privateToPem(logKeys.getPrivate())),
                Ed25519Keys.publicFromPem(Ed25519Keys.publicToPem(logKeys.getPublic())));
        CheckpointVerifier.forLog(ORIGIN, log.verifier()).verify(fromPem.sign(checkpoint));

        NoteVerifier parsed = NoteVerifier.parse(log.verifier().verifierKey());
        assertThat(parsed.keyIdHex()).isEqualTo(log.verifier().keyIdHex()).hasSize(8);
        CheckpointVerifier.forLog(ORIGIN, parsed).verify(log.sign(checkpoint));
    }

    @Test
    void mismatchedOrMalformedKeysAreRefused() {
        assertThatThrownBy(() -> new NoteSigner(ORIGIN, logKeys.getPrivate(), witnessAKeys.getPublic()))
                .hasMessageContaining("does not belong");
        assertThatThrownBy(() -> Ed25519Keys.decodePrivate(new byte[] {1, 2, 3}))
                .hasMessageContaining("not a PKCS#8 Ed25519 private key");
        assertThatThrownBy(() -> new NoteSigner("has space", logKeys)).hasMessageContaining("must not contain");
        String vkey = log.verifier().verifierKey();
        String wrongId = vkey.replace("+" + log.verifier().keyIdHex() + "+", "+00000000+");
        assertThatThrownBy(() -> NoteVerifier.parse(wrongId)).hasMessageContaining("does not match");
        assertThatThrownBy(() -> NoteVerifier.parse("name+1234")).hasMessageContaining("<name>+");
    }

    /**
     * A verifier key whose base64 contains '+', from transparency-dev/formats
     * (note/note_cosigv1_test.go, "TEST" key): it must parse, and our key id must be the published one.
     */
    @Test
    void verifierKeyWithPlusInItsBase64Parses() {
        String vkey = "TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6";
        NoteVerifier verifier = NoteVerifier.parse(vkey);
        assertThat(verifier.name()).isEqualTo("TEST");
        assertThat(verifier.keyIdHex()).isEqualTo("7997405c");
        assertThat(verifier.verifierKey()).isEqualTo(vkey);
    }

    /**
     * Interoperability known answer from golang.org/x/mod/sumdb/note (package documentation and
     * note_test.go): the PeterNeumann signer key, verifier key and signed note. Ed25519 is
     * deterministic (RFC 8032), so signing the same text with the same seed must reproduce the
     * published signature byte for byte, and our key-id computation must give c74f20a3.
     */
    @Test
    void reproducesTheGoSignedNoteExample() throws Exception {
        String vkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
        String skeyMaterial = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
        String text = "If you think cryptography is the answer to your problem,\n"
                + "then you don't know what your problem is.\n";
        String published = text + "\n\u2014 PeterNeumann "
                + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

        NoteVerifier verifier = NoteVerifier.parse(vkey);
        assertThat(verifier.keyIdHex()).isEqualTo("c74f20a3");
        assertThat(verifier.verifierKey()).isEqualTo(vkey);
        SignedNote note = SignedNote.parse(published);
        assertThat(verifier.matches(note.signatures().getFirst())).isTrue();
        assertThat(verifier.verifies(note.text(), note.signatures().getFirst().signature())).isTrue();
        assertThat(verifier.verifies(note.text().replace("problem", "pr0blem"),
                note.signatures().getFirst().signature())).isFalse();

        byte[] typedSeed = Base64.getDecoder().decode(skeyMaterial);
        assertThat(typedSeed[0]).isEqualTo((byte) 1);
        byte[] seed = java.util.Arrays.copyOfRange(typedSeed, 1, 33);
        NoteSigner signer = new NoteSigner("PeterNeumann", Ed25519Keys.privateKeyFromSeed(seed), verifier.publicKey());
        assertThat(signer.sign(new SignedNote(text, List.of())).encode()).isEqualTo(published);
    }
}
