package besa.exchange.format;

import besa.exchange.node.NodeIdentity;
import besa.platform.SecretFiles;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Date;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The key export packages are signed with: the exchange node's current signing key when the node
 * runs ({@code besa.exchange.enabled=true}), so partners verify packages with the key they already
 * pinned; otherwise an EC P-256 key of its own in {@code <data-dir>/exchange/package-signing.jwk}
 * (created on first use, owner-only), whose public half travels in each package.
 */
@Component
class PackageKey {
    static final String FILE = "package-signing.jwk";

    private final ObjectProvider<NodeIdentity> node;
    private final Path file;
    private ECKey own;

    PackageKey(ObjectProvider<NodeIdentity> node, @Value("${besa.data-dir:./data}") Path dataDir,
            @Value("${besa.db.ephemeral:false}") boolean ephemeral) {
        this.node = node;
        this.file = SecretFiles.baseDir(dataDir, ephemeral).resolve("exchange").resolve(FILE);
    }

    /** The private signing key (with its kid). */
    synchronized ECKey signingKey() {
        NodeIdentity id = node.getIfAvailable();
        if (id != null) return id.signingKey();
        if (own == null) own = loadOrCreate(file);
        return own;
    }

    /** Who signs: the node id, or "besa" when no exchange node runs. */
    String signer() {
        NodeIdentity id = node.getIfAvailable();
        return id == null ? "besa" : id.nodeId();
    }

    static ECKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) return ECKey.parse(Files.readString(file));
            ECKey k = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).issueTime(new Date()).generate();
            SecretFiles.createFolderFor(file);
            SecretFiles.createOwnerOnly(file, k.toJSONString());
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the package signing key " + file + ": " + e.getMessage(), e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("the package signing key " + file + " is unusable: " + e.getMessage(), e);
        }
    }
}
