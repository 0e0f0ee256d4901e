package besa.exchange.partner;

import besa.exchange.node.Certificates;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Partners declared in a JSON file ({@code besa.exchange.partners-file}), applied at start-up: each
 * partner is added or updated with its certificate, public keys and agreement. Paths in the file are
 * relative to the file's folder. Shape:
 *
 * <pre>{"partners": [{"id": "tnp-ankara", "agency": "…", "country": "TR", "url": "https://…:8443",
 *   "contact": "…", "active": true, "certificate": "tnp/tls-cert.pem", "keys": "tnp/keys.json",
 *   "agreement": {"categories": ["PERSON"], "legalBasis": "…", "maxHandling": "H2", "onwardTransfer": false}}]}</pre>
 */
public final class PartnerFile {
    private PartnerFile() {}

    /** Applies the file; returns the partner ids it declared. Throws IllegalArgumentException naming the entry and field at fault. */
    public static List<String> apply(Path file, PartnerRegistry registry) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the partners file " + file + ": " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the partners file " + file + " is not JSON: " + e.getOriginalMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        List<String> ids = new ArrayList<>();
        int i = 0;
        for (JsonNode p : root.path("partners")) {
            String where = file + ", partners[" + i++ + "]";
            try {
                String id = text(p, "id");
                registry.save(new Partner(id, text(p, "agency"), text(p, "country"), text(p, "url"), p.path("contact").asString(""),
                        p.path("active").asBoolean(true)));
                registry.addCertificate(id, Certificates.fromPem(Files.readString(dir.resolve(text(p, "certificate")))));
                for (JWK k : JWKSet.parse(Files.readString(dir.resolve(text(p, "keys")))).getKeys()) registry.addKey(id, k.toPublicJWK());
                JsonNode a = p.path("agreement");
                EnumSet<Category> cats = EnumSet.noneOf(Category.class);
                for (JsonNode c : a.path("categories")) cats.add(Category.valueOf(c.asString()));
                registry.saveAgreement(new Agreement(id, cats, text(a, "legalBasis"), HandlingCode.valueOf(text(a, "maxHandling")),
                        a.path("onwardTransfer").asBoolean(false)));
                ids.add(id);
            } catch (IOException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            } catch (ParseException | IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return ids;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isString() || v.asString().isBlank()) throw new IllegalArgumentException("'" + field + "' is required");
        return v.asString();
    }
}
