package besa.exchange.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's key files: created once, owner-only, reloaded unchanged; rotation announces, then switches, then retires. */
class NodeIdentityTest {
    @TempDir Path dir;

    static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T12:00:00Z"));

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void keysAreCreatedOwnerOnlyAndReloadedUnchanged() throws Exception {
        var clock = new MovableClock();
        NodeIdentity first = NodeIdentity.loadOrCreate("node-a", "ASP", dir, List.of("localhost", "127.0.0.1"), clock);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys.jwks")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls-key.pem")))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("tls-cert.pem"))).doesNotContain("PRIVATE");
        NodeIdentity again = NodeIdentity.loadOrCreate("node-a", "ASP", dir, List.of("localhost"), clock);
        assertThat(again.signingKey().getKeyID()).isEqualTo(first.signingKey().getKeyID());
        assertThat(Certificates.fingerprint(again.tlsCertificate())).isEqualTo(Certificates.fingerprint(first.tlsCertificate())).hasSize(64);
        assertThat(first.publicKeys().getKeys()).hasSize(2).noneMatch(k -> k.isPrivate());
        assertThat(first.tlsCertificate().getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList()).contains("localhost", "127.0.0.1");
        assertThat(first.tlsCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=node-a");
    }

    @Test
    void rotationAnnouncesThenSwitchesThenRetiresTheOldKeys() {
        var clock = new MovableClock();
        NodeIdentity id = NodeIdentity.loadOrCreate("node-a", "ASP", dir, List.of(), clock);
        String oldSig = id.signingKey().getKeyID();
        String oldEnc = id.encryptionKey().getKeyID();

        id.rotateJoseKeys(Duration.ofHours(1), Duration.ofDays(1));
        assertThat(id.publicKeys().getKeys()).hasSize(4); // partners can register the new keys now
        assertThat(id.signingKey().getKeyID()).isEqualTo(oldSig); // but the old one still signs
        String newEnc = id.publicKeys().getKeys().stream().filter(k -> k.getKeyUse().identifier().equals("enc") && !k.getKeyID().equals(oldEnc))
                .findFirst().orElseThrow().getKeyID();
        assertThat(id.decryptionKey(newEnc)).isPresent(); // a partner that already switched is understood

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(id.signingKey().getKeyID()).isNotEqualTo(oldSig);
        assertThat(id.encryptionKey().getKeyID()).isEqualTo(newEnc);
        assertThat(id.decryptionKey(oldEnc)).isPresent(); // grace: messages sealed before the switch still open

        clock.advance(Duration.ofDays(1));
        assertThat(id.decryptionKey(oldEnc)).isEmpty();
        assertThat(id.publicKeys().getKeys()).hasSize(2);
        // The rotation is on disk: a restart sees the same keys.
        NodeIdentity reloaded = NodeIdentity.loadOrCreate("node-a", "ASP", dir, List.of(), clock);
        assertThat(reloaded.signingKey().getKeyID()).isEqualTo(id.signingKey().getKeyID());
        assertThat(reloaded.decryptionKey(oldEnc)).isEmpty();
    }
}
