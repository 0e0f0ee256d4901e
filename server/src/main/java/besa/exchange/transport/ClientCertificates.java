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
 * active partner and inside its validity. Refusals are SECURITY_ALERTs in the audit trail, at most
 * {@link #ALERTS_PER_MINUTE} a minute (the handshake is open to anyone; see {@link AlertBudget}).
 */
final class ClientCertificates extends Tls.TrustOnly {
    private final PartnerRegistry partners;
    private final AuditLog audit;
    private final Clock clock;
    private final AlertBudget budget;
    private final Runnable refused;

    static final int ALERTS_PER_MINUTE = 60;

    /** {@code refused} is told of every refusal, also those over the audit budget (the metrics count them all). */
    ClientCertificates(PartnerRegistry partners, AuditLog audit, Clock clock, Runnable refused) {
        this.refused = refused;
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
        this.budget = new AlertBudget(ALERTS_PER_MINUTE, clock);
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
        refused.run();
        AlertBudget.Decision d = budget.take();
        if (!d.record()) return new CertificateException(why);
        String unrecorded = d.unrecordedBefore() == 0 ? "" : " (" + d.unrecordedBefore() + " earlier refusals over the budget of "
                + ALERTS_PER_MINUTE + " a minute not recorded one by one)";
        try {
            audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.SECURITY_ALERT, "exchange TLS client " + which,
                    "UNTRUSTED_CERTIFICATE: " + why + unrecorded, "", AuditOutcome.DENIED, ""));
        } catch (RuntimeException e) {
            // refused either way; the audit failure is logged by the audit writer
        }
        return new CertificateException(why);
    }
}
