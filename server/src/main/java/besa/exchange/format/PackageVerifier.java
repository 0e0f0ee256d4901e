package besa.exchange.format;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks an export package offline (no database, no Spring): the detached JWS over
 * {@code manifest.json} with the key in {@code public-key.jwk} (or a key the partner already holds),
 * and every file's size and SHA-256 against the manifest. Nothing outside the manifest may be in the
 * package. Each problem names the file.
 */
public final class PackageVerifier {
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.jws";
    public static final String PUBLIC_KEY = "public-key.jwk";

    /** The outcome: what was found (lines to print) and every problem; valid when there are none. */
    public record Report(List<String> found, List<String> problems, String keyThumbprint) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private PackageVerifier() {}

    /** Verifies with the public key in the package; {@code trusted} (may be null) must then be that key. */
    public static Report verify(Path zip, ECKey trusted) {
        List<String> found = new ArrayList<>(), problems = new ArrayList<>();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while (true) {
                try {
                    e = in.getNextEntry();
                } catch (ZipException ex) {
                    problems.add("the package is not a readable ZIP after " + entries.size() + " file(s): " + ex.getMessage());
                    break;
                }
                if (e == null) break;
                String name = e.getName();
                try {
                    if (entries.put(name, readAll(in)) != null) problems.add(name + ": appears twice in the package");
                } catch (ZipException ex) {
                    problems.add(name + ": cannot be read (" + ex.getMessage() + "): the file was changed");
                    entries.put(name, null);
                }
            }
        } catch (IOException ex) {
            return new Report(found, List.of(zip.getFileName() + ": cannot be read as a ZIP: " + ex.getMessage()), null);
        }
        byte[] manifest = entries.get(MANIFEST), signature = entries.get(SIGNATURE), jwk = entries.get(PUBLIC_KEY);
        for (String f : List.of(MANIFEST, SIGNATURE, PUBLIC_KEY)) {
            if (!entries.containsKey(f)) problems.add(f + ": missing from the package");
        }
        if (manifest == null || signature == null || jwk == null) return new Report(found, problems, null);

        String thumbprint = null;
        ECKey key;
        try {
            key = ECKey.parse(new String(jwk, StandardCharsets.UTF_8)).toPublicJWK();
            thumbprint = key.computeThumbprint().toString();
            found.add("signing key: EC " + key.getCurve() + ", kid " + key.getKeyID() + ", SHA-256 thumbprint " + thumbprint);
            if (trusted != null && !trusted.toPublicJWK().computeThumbprint().toString().equals(thumbprint)) {
                problems.add(PUBLIC_KEY + ": not the key you trust (thumbprint " + trusted.toPublicJWK().computeThumbprint() + ")");
            }
        } catch (ParseException | JOSEException | RuntimeException ex) {
            problems.add(PUBLIC_KEY + ": not an EC public key (JWK): " + ex.getMessage());
            return new Report(found, problems, null);
        }
        try {
            JWSObject jws = JWSObject.parse(new String(signature, StandardCharsets.UTF_8).strip(), new Payload(manifest));
            if (!"ES256".equals(jws.getHeader().getAlgorithm().getName())) {
                problems.add(SIGNATURE + ": algorithm " + jws.getHeader().getAlgorithm() + ", expected ES256");
            } else if (jws.verify(new ECDSAVerifier(key))) {
                found.add("signature: ES256 over " + MANIFEST + ", valid");
            } else {
                problems.add(MANIFEST + ": the signature in " + SIGNATURE + " does not verify with " + PUBLIC_KEY
                        + " (the manifest, the signature or the key was changed)");
            }
        } catch (ParseException | JOSEException | RuntimeException ex) {
            problems.add(SIGNATURE + ": not a detached JWS: " + ex.getMessage());
        }

        JsonNode m;
        try {
            m = StixReader.JSON.readTree(manifest);
        } catch (JacksonException ex) {
            problems.add(MANIFEST + ": not valid JSON: " + ex.getOriginalMessage());
            return new Report(found, problems, thumbprint);
        }
        found.add("package " + m.path("id").asString("?") + " created " + m.path("createdAt").asString("?") + " by "
                + m.path("createdBy").path("user").asString("?") + " at " + m.path("createdBy").path("node").asString("?")
                + " (" + m.path("createdBy").path("agency").asString("") + ")");
        found.add("for " + m.path("recipient").asString("?") + "; legal basis: " + m.path("legalBasis").asString("?")
                + "; reason: " + m.path("reason").asString("?"));
        List<String> codes = new ArrayList<>();
        m.path("handlingCodes").values().forEach(c -> codes.add(c.asString()));
        found.add("handling codes: " + (codes.isEmpty() ? "none" : String.join(", ", codes)));
        List<String> listed = new ArrayList<>(List.of(MANIFEST, SIGNATURE, PUBLIC_KEY));
        for (JsonNode f : m.path("files").values()) {
            String path = f.path("path").asString("");
            listed.add(path);
            byte[] data = entries.get(path);
            if (!entries.containsKey(path)) {
                problems.add(path + ": listed in the manifest, missing from the package");
            } else if (data == null) {
                continue; // unreadable: reported above
            } else if (data.length != f.path("size").asLong(-1)) {
                problems.add(path + ": " + data.length + " bytes, the manifest says " + f.path("size").asLong(-1));
            } else if (!sha256(data).equals(f.path("sha256").asString(""))) {
                problems.add(path + ": SHA-256 " + sha256(data) + " differs from the manifest's " + f.path("sha256").asString(""));
            } else {
                found.add(path + ": " + data.length + " bytes, SHA-256 matches (" + f.path("mediaType").asString("") + ")");
            }
        }
        for (String name : entries.keySet()) {
            if (!listed.contains(name)) problems.add(name + ": in the package but not in the manifest");
        }
        return new Report(found, problems, thumbprint);
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
