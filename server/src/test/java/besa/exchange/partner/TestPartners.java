package besa.exchange.partner;

import besa.exchange.node.NodeIdentity;
import com.nimbusds.jose.jwk.JWK;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** A partner node for tests that need one registered but never reached (its address leads nowhere). */
public final class TestPartners {
    private TestPartners() {}

    /** Makes the partner's keys under {@code keys}, registers its certificate and public keys, and saves {@code agreement}. */
    public static NodeIdentity register(PartnerRegistry registry, Path keys, String agency, String country, Agreement agreement) {
        String id = agreement.partnerId();
        NodeIdentity them = NodeIdentity.loadOrCreate(id, agency, keys.resolve(id), List.of("localhost"), Clock.systemUTC());
        registry.save(new Partner(id, agency, country, "https://127.0.0.1:9", "liaison@" + id, true));
        registry.addCertificate(id, them.tlsCertificate());
        for (JWK k : them.publicKeys().getKeys()) registry.addKey(id, k);
        registry.saveAgreement(agreement);
        return them;
    }
}
