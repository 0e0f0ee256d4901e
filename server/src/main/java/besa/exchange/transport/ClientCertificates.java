package besa.exchange.transport;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.node.Certificates;
import besa.exchange.partner.PartnerRegistry;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;

/**
 * The receiving endpoint's client check: a TLS client gets in only with a certificate pinned for an
 * active partner and inside its validity. Every refusal is a SECURITY_ALERT in the audit trail.
 */
final class ClientCertificates extends Tls.TrustOnly {
    private final PartnerRegistry partners;
    private final AuditLog audit;
    private final Clock clock;

    ClientCertificates(PartnerRegistry partners, AuditLog audit, Clock clock) {
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    void check(X509Certificate[] chain, boolean client) throws CertificateException {
        if (!client) throw new CertificateException("this context does not call servers");
        if (chain == null || chain.length == 0) throw refuse("no client certificate", "-");
        X509Certificate leaf = chain[0];
        String fp = Certificates.fingerprint(leaf);
        if (partners.partnerForCertificate(fp).isEmpty()) throw refuse("client certificate not registered for an active partner", fp + " " + leaf.getSubjectX500Principal());
        try {
            leaf.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw refuse("client certificate outside its validity (" + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant() + ")", fp);
        }
    }

    private CertificateException refuse(String why, String which) {
        try {
            audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.SECURITY_ALERT, "exchange TLS client " + which,
                    "UNTRUSTED_CERTIFICATE: " + why, "", AuditOutcome.DENIED, ""));
        } catch (RuntimeException e) {
            // refused either way; the audit failure is logged by the audit writer
        }
        return new CertificateException(why);
    }
}
