package besa.exchange.partner;

import besa.exchange.node.Certificates;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The partners this node exchanges with: who they are, the TLS certificates pinned for them, their
 * public signing and encryption keys, and the agreement. A certificate or key given an end
 * ({@code valid_until}) stays trusted until then, which is how rotations overlap.
 */
@Component
public class PartnerRegistry {
    private final JdbcClient jdbc;
    private final Clock clock;

    public PartnerRegistry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Adds the partner or updates its agency, country, URL, contact and active flag. */
    @Transactional
    public void save(Partner p) {
        jdbc.sql("""
                insert into exchange_partner (id, agency, country, base_url, contact, active) values (?, ?, ?, ?, ?, ?)
                on conflict (id) do update set agency = excluded.agency, country = excluded.country, base_url = excluded.base_url,
                    contact = excluded.contact, active = excluded.active, updated_at = now()""")
                .params(p.id(), p.agency(), p.country(), p.baseUrl(), p.contact(), p.active()).update();
    }

    /** Pins a TLS certificate for the partner (client and server side); returns its fingerprint. */
    @Transactional
    public String addCertificate(String partnerId, X509Certificate cert) {
        require(partnerId);
        String fp = Certificates.fingerprint(cert);
        int n = jdbc.sql("""
                insert into exchange_partner_certificate (fingerprint, partner_id, pem) values (?, ?, ?)
                on conflict (fingerprint) do update set valid_until = null where exchange_partner_certificate.partner_id = excluded.partner_id""")
                .params(fp, partnerId, Certificates.toPem(cert)).update();
        if (n == 0) throw new IllegalArgumentException("certificate " + fp + " is already registered for another partner");
        return fp;
    }

    /** Keeps a certificate trusted only until {@code until} (a rotation's grace period; now = at once). */
    public void retireCertificate(String fingerprint, Instant until) {
        jdbc.sql("update exchange_partner_certificate set valid_until = ? where fingerprint = ?")
                .params(Timestamp.from(until), fingerprint).update();
    }

    /** Registers a public key ({@code use} sig or enc, with a {@code kid}) of the partner. */
    @Transactional
    public void addKey(String partnerId, JWK key) {
        require(partnerId);
        if (!(key instanceof ECKey ec) || !"P-256".equals(ec.getCurve().getName())) {
            throw new IllegalArgumentException("partner keys must be EC P-256 JWKs");
        }
        if (key.isPrivate()) throw new IllegalArgumentException("a partner key must be public only");
        if (key.getKeyID() == null || key.getKeyUse() == null) throw new IllegalArgumentException("a partner key needs a kid and a use (sig or enc)");
        Optional<String> clash = keyClash(partnerId, key);
        if (clash.isPresent()) throw new IllegalArgumentException(clash.get());
        jdbc.sql("""
                insert into exchange_partner_key (partner_id, kid, use, jwk) values (?, ?, ?, ?)
                on conflict (partner_id, kid) do nothing""")
                .params(partnerId, key.getKeyID(), key.getKeyUse().identifier(), key.toJSONString()).update();
    }

    /**
     * Why {@code key} cannot be registered for the partner, if it cannot: its kid is registered
     * already with other key material or use, or was retired (a retired key is never trusted again;
     * the partner publishes a new kid). The same key again, still valid, is fine and changes nothing.
     */
    public Optional<String> keyClash(String partnerId, JWK key) {
        return jdbc.sql("select use, jwk, valid_until is not null from exchange_partner_key where partner_id = ? and kid = ?")
                .params(partnerId, key.getKeyID())
                .query((rs, n) -> {
                    String kid = key.getKeyID();
                    if (rs.getBoolean(3)) return "key " + kid + " of " + partnerId + " was retired; a retired key is not trusted again (a new key needs a new kid)";
                    if (!rs.getString(1).equals(key.getKeyUse().identifier()) || !sameKey(rs.getString(2), key)) {
                        return "key " + kid + " of " + partnerId + " is registered already with other key material";
                    }
                    return null;
                }).list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    private static boolean sameKey(String storedJwk, JWK key) {
        try {
            return JWK.parse(storedJwk).computeThumbprint().equals(key.computeThumbprint());
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException e) {
            return false;
        }
    }

    /** Keeps a partner's key valid only until {@code until} (its grace period after the partner rotated). */
    public void retireKey(String partnerId, String kid, Instant until) {
        jdbc.sql("update exchange_partner_key set valid_until = ? where partner_id = ? and kid = ?")
                .params(Timestamp.from(until), partnerId, kid).update();
    }

    @Transactional
    public void saveAgreement(Agreement a) {
        require(a.partnerId());
        String[] cats = a.categories().stream().map(Enum::name).sorted().toArray(String[]::new);
        jdbc.sql("""
                insert into exchange_agreement (partner_id, categories, legal_basis, max_handling, onward_transfer) values (?, ?, ?, ?, ?)
                on conflict (partner_id) do update set categories = excluded.categories, legal_basis = excluded.legal_basis,
                    max_handling = excluded.max_handling, onward_transfer = excluded.onward_transfer, updated_at = now()""")
                .params(a.partnerId(), cats, a.legalBasis(), a.maxHandling().level(), a.onwardTransfer()).update();
    }

    public Optional<Partner> find(String id) {
        return jdbc.sql("select id, agency, country, base_url, contact, active from exchange_partner where id = ?").param(id)
                .query((rs, n) -> new Partner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6)))
                .optional();
    }

    public List<Partner> all() {
        return jdbc.sql("select id, agency, country, base_url, contact, active from exchange_partner order by id")
                .query((rs, n) -> new Partner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6)))
                .list();
    }

    public Optional<Agreement> agreement(String partnerId) {
        return jdbc.sql("select categories, legal_basis, max_handling, onward_transfer from exchange_agreement where partner_id = ?")
                .param(partnerId)
                .query((rs, n) -> {
                    EnumSet<Category> cats = EnumSet.noneOf(Category.class);
                    Arrays.stream((String[]) rs.getArray(1).getArray()).map(Category::valueOf).forEach(cats::add);
                    return new Agreement(partnerId, cats, rs.getString(2), HandlingCode.of(rs.getInt(3)), rs.getBoolean(4));
                }).optional();
    }

    /** The active partner a TLS certificate is pinned for, if it is trusted now. */
    public Optional<String> partnerForCertificate(String fingerprint) {
        return jdbc.sql("""
                select c.partner_id from exchange_partner_certificate c join exchange_partner p on p.id = c.partner_id
                where c.fingerprint = ? and p.active and (c.valid_until is null or c.valid_until > ?)""")
                .params(fingerprint, Timestamp.from(clock.instant())).query(String.class).optional();
    }

    /** The partner's certificates trusted now (its TLS server must present one of them). */
    public List<X509Certificate> certificates(String partnerId) {
        return jdbc.sql("select pem from exchange_partner_certificate where partner_id = ? and (valid_until is null or valid_until > ?)")
                .params(partnerId, Timestamp.from(clock.instant())).query(String.class).list()
                .stream().map(Certificates::fromPem).toList();
    }

    /** The partner's key {@code kid} for {@code use}, if registered and still valid. */
    public Optional<ECKey> key(String partnerId, String kid, KeyUse use) {
        return jdbc.sql("select jwk from exchange_partner_key where partner_id = ? and kid = ? and use = ? and (valid_until is null or valid_until > ?)")
                .params(partnerId, kid == null ? "" : kid, use.identifier(), Timestamp.from(clock.instant()))
                .query(String.class).optional().map(PartnerRegistry::parse);
    }

    /** The key to encrypt to: the newest encryption key without an end date (else the newest still valid). */
    public Optional<ECKey> encryptionKey(String partnerId) {
        return jdbc.sql("""
                select jwk from exchange_partner_key where partner_id = ? and use = 'enc' and (valid_until is null or valid_until > ?)
                order by valid_until is null desc, added_at desc limit 1""")
                .params(partnerId, Timestamp.from(clock.instant())).query(String.class).optional().map(PartnerRegistry::parse);
    }

    private void require(String partnerId) {
        if (find(partnerId).isEmpty()) throw new IllegalArgumentException("no partner " + partnerId);
    }

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("stored partner key is not an EC JWK: " + e.getMessage(), e);
        }
    }
}
