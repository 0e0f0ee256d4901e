package besa.exchange.envelope;

import besa.exchange.node.NodeIdentity;
import besa.exchange.partner.PartnerRegistry;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals and opens messages: signed by the sender (JWS, ES256, {@code typ besa-msg+jws}) and the
 * signed object encrypted to the recipient (JWE, ECDH-ES+A256KW with A256GCM, {@code cty JWS}) —
 * a nested JOSE object in compact form. Opening checks, in order: that the JWE is addressed to one
 * of our encryption keys, decrypts (a changed byte fails the AEAD tag), the signature against the
 * sending partner's registered key, that the signed sender is the partner the TLS certificate
 * identified, that the message is for this node, and the time window. Receipts are JWS too.
 */
public final class Envelopes {
    public static final JOSEObjectType MESSAGE_TYPE = new JOSEObjectType("besa-msg+jws");
    public static final JOSEObjectType RECEIPT_TYPE = new JOSEObjectType("besa-receipt+jws");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NodeIdentity me;
    private final PartnerRegistry partners;
    private final Clock clock;
    private final Duration skew;

    public Envelopes(NodeIdentity me, PartnerRegistry partners, Clock clock, Duration skew) {
        this.me = me;
        this.partners = partners;
        this.clock = clock;
        this.skew = skew;
    }

    /** Signs {@code m} with our current signing key and encrypts it to {@code recipientKey}. */
    public String seal(Message m, ECKey recipientKey) {
        try {
            ECKey sig = me.signingKey();
            var jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(sig.getKeyID()).type(MESSAGE_TYPE).build(),
                    new com.nimbusds.jose.Payload(JSON.writeValueAsBytes(m)));
            jws.sign(new ECDSASigner(sig));
            var jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.ECDH_ES_A256KW, EncryptionMethod.A256GCM)
                    .keyID(recipientKey.getKeyID()).contentType("JWS").build(), new com.nimbusds.jose.Payload(jws));
            jwe.encrypt(new ECDHEncrypter(recipientKey));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not seal message " + m.id() + ": " + e.getMessage(), e);
        }
    }

    /** Opens a sealed message that the partner {@code sender} (identified by its TLS certificate) delivered. */
    public Message open(String compact, String sender) throws RejectedException {
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(compact);
        } catch (ParseException e) {
            throw new RejectedException(Rejection.MALFORMED, "not a compact JWE: " + e.getMessage());
        }
        if (!JWEAlgorithm.ECDH_ES_A256KW.equals(jwe.getHeader().getAlgorithm()) || !EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())) {
            throw new RejectedException(Rejection.MALFORMED, "JWE must be ECDH-ES+A256KW / A256GCM");
        }
        ECKey key = me.decryptionKey(jwe.getHeader().getKeyID())
                .orElseThrow(() -> new RejectedException(Rejection.UNKNOWN_KEY, "not encrypted to a current key of this node (kid " + jwe.getHeader().getKeyID() + ")"));
        try {
            jwe.decrypt(new ECDHDecrypter(key));
        } catch (JOSEException e) {
            throw new RejectedException(Rejection.TAMPERED, "decryption failed (altered or corrupted): " + e.getMessage());
        }
        JWSObject jws = jwe.getPayload().toJWSObject();
        if (jws == null) throw new RejectedException(Rejection.MALFORMED, "the JWE does not contain a JWS");
        verify(jws, sender, MESSAGE_TYPE);
        Message m;
        try {
            m = JSON.readValue(jws.getPayload().toBytes(), Message.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new RejectedException(Rejection.MALFORMED, "the signed message is not valid: " + e.getMessage());
        }
        if (!m.from().equals(sender)) {
            throw new RejectedException(Rejection.WRONG_SENDER, "signed by " + sender + " but claims to be from " + m.from());
        }
        if (!m.to().equals(me.nodeId())) throw new RejectedException(Rejection.MISADDRESSED, "addressed to " + m.to() + ", not " + me.nodeId());
        Instant now = clock.instant();
        if (m.createdAt().isAfter(now.plus(skew))) throw new RejectedException(Rejection.NOT_YET_VALID, "created " + m.createdAt() + ", in the future");
        if (now.isAfter(m.validUntil().plus(skew))) throw new RejectedException(Rejection.EXPIRED, "valid until " + m.validUntil());
        return m;
    }

    /** Our signed receipt. */
    public String signReceipt(Receipt r) {
        try {
            ECKey sig = me.signingKey();
            var jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(sig.getKeyID()).type(RECEIPT_TYPE).build(),
                    new com.nimbusds.jose.Payload(JSON.writeValueAsBytes(r)));
            jws.sign(new ECDSASigner(sig));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign the receipt for " + r.messageId() + ": " + e.getMessage(), e);
        }
    }

    /** Checks a receipt {@code partner} signed; returns what it says. */
    public Receipt verifyReceipt(String compact, String partner) throws RejectedException {
        JWSObject jws;
        try {
            jws = JWSObject.parse(compact);
        } catch (ParseException e) {
            throw new RejectedException(Rejection.MALFORMED, "receipt is not a compact JWS: " + e.getMessage());
        }
        verify(jws, partner, RECEIPT_TYPE);
        try {
            Receipt r = JSON.readValue(jws.getPayload().toBytes(), Receipt.class);
            if (!partner.equals(r.by())) throw new RejectedException(Rejection.WRONG_SENDER, "receipt signed by " + partner + " names " + r.by());
            if (!me.nodeId().equals(r.from())) throw new RejectedException(Rejection.MISADDRESSED, "receipt is for messages from " + r.from());
            return r;
        } catch (JacksonException e) {
            throw new RejectedException(Rejection.MALFORMED, "receipt content: " + e.getMessage());
        }
    }

    private void verify(JWSObject jws, String partner, JOSEObjectType type) throws RejectedException {
        if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm()) || !type.equals(jws.getHeader().getType())) {
            throw new RejectedException(Rejection.MALFORMED, "expected an ES256 JWS of type " + type);
        }
        ECKey key = partners.key(partner, jws.getHeader().getKeyID(), KeyUse.SIGNATURE)
                .orElseThrow(() -> new RejectedException(Rejection.BAD_SIGNATURE, "no valid signing key " + jws.getHeader().getKeyID() + " registered for " + partner));
        try {
            if (!jws.verify(new ECDSAVerifier(key))) throw new RejectedException(Rejection.BAD_SIGNATURE, "signature does not verify with " + partner + "'s key");
        } catch (JOSEException e) {
            throw new RejectedException(Rejection.BAD_SIGNATURE, e.getMessage());
        }
    }

    /** Base64url SHA-256 of the exact bytes received (what a receipt binds). */
    public static String sha256(String compact) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(compact.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message as JSON (what the outbox and inbox keep). */
    public static String toJson(Message m) {
        return JSON.writeValueAsString(m);
    }

    /** A message as the outbox and inbox keep it. */
    public static Message fromJson(String json) {
        return JSON.readValue(json, Message.class);
    }
}
