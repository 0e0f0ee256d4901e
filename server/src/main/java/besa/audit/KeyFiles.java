package besa.audit;

import besa.ledger.Ed25519Keys;
import besa.platform.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;

/**
 * Ed25519 key pairs kept as files outside the database: the private key as PKCS#8 PEM readable by
 * the owner only (0600), the public key beside it ({@code <file>.pub}). Generated on first use.
 * Key material is never logged.
 */
public final class KeyFiles {
    private KeyFiles() {}

    public static KeyPair loadOrCreate(Path privateFile) {
        Path pub = publicFile(privateFile);
        try {
            if (!Files.exists(privateFile)) create(privateFile, pub);
            var priv = Ed25519Keys.privateFromPem(Files.readString(privateFile));
            return new KeyPair(Ed25519Keys.publicFromPem(Files.readString(pub)), priv);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the key " + privateFile + ": " + e.getMessage(), e);
        }
    }

    /** The public half, from {@code <file>.pub}. */
    public static PublicKey loadPublic(Path privateFile) {
        Path pub = publicFile(privateFile);
        try {
            return Ed25519Keys.publicFromPem(Files.readString(pub));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the public key " + pub + ": " + e.getMessage(), e);
        }
    }

    public static Path publicFile(Path privateFile) {
        return privateFile.resolveSibling(privateFile.getFileName() + ".pub");
    }

    private static void create(Path privateFile, Path pub) throws IOException {
        KeyPair pair = Ed25519Keys.generate();
        SecretFiles.createFolderFor(privateFile);
        // The public half first: a crash before the private key is in place just starts over.
        Files.writeString(pub, Ed25519Keys.publicToPem(pair.getPublic()));
        SecretFiles.createOwnerOnly(privateFile, Ed25519Keys.privateToPem(pair.getPrivate()));
    }
}
