package besa.exchange.partner.web;

import besa.exchange.partner.PartnerAdmin;
import besa.exchange.partner.PartnerAdmin.AgreementForm;
import besa.exchange.partner.PartnerAdmin.Change;
import besa.exchange.partner.PartnerAdmin.PartnerForm;
import besa.exchange.partner.PartnerAdmin.View;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST of the partner registry, for liaison officers (SecurityConfig): every change carries a reason; widening
 * changes answer 202 with the pending change a second officer decides.
 */
@RestController
@RequestMapping("/api/exchange/partners")
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class PartnersApi {
    record PartnerBody(String id, String agency, String country, String url, String contact, String reason) {
        PartnerForm form() {
            return new PartnerForm(id, agency, country, url, contact);
        }
    }

    record AgreementBody(List<String> categories, String legalBasis, String maxHandling, Boolean onwardTransfer, String reason) {}

    record CertificateBody(String pem, String reason) {}

    record KeysBody(String jwks, String reason) {}

    record Reason(String reason) {}

    private final PartnerAdmin admin;

    PartnersApi(PartnerAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    List<View> list() {
        return admin.list();
    }

    @GetMapping("/{id}")
    View one(@PathVariable String id) {
        return admin.find(id).orElseThrow(() -> new PartnerAdmin.Refused(HttpStatus.NOT_FOUND, null, "no partner " + id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    View create(Authentication who, @RequestBody PartnerBody b, HttpServletRequest http) {
        return one(admin.create(who.getName(), b.form(), b.reason(), http.getRemoteAddr()).id());
    }

    @PutMapping("/{id}")
    View update(Authentication who, @PathVariable String id, @RequestBody PartnerBody b, HttpServletRequest http) {
        admin.update(who.getName(), id, b.form(), b.reason(), http.getRemoteAddr());
        return one(id);
    }

    @PostMapping("/{id}/deactivate")
    View deactivate(Authentication who, @PathVariable String id, @RequestBody(required = false) Reason b, HttpServletRequest http) {
        admin.deactivate(who.getName(), id, b == null ? null : b.reason(), http.getRemoteAddr());
        return one(id);
    }

    @PostMapping("/{id}/activate")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Change activate(Authentication who, @PathVariable String id, @RequestBody(required = false) Reason b, HttpServletRequest http) {
        return admin.activate(who.getName(), id, b == null ? null : b.reason(), http.getRemoteAddr());
    }

    /** 200 with the partner when the agreement narrowed (applied), 202 with the pending change when it widens. */
    @PutMapping("/{id}/agreement")
    ResponseEntity<Object> agreement(Authentication who, @PathVariable String id, @RequestBody AgreementBody b, HttpServletRequest http) {
        PartnerAdmin.Outcome o = admin.agreement(who.getName(), id, new AgreementForm(b.categories(), b.legalBasis(), b.maxHandling(), b.onwardTransfer()),
                b.reason(), http.getRemoteAddr());
        return o.applied() ? ResponseEntity.ok(one(id)) : ResponseEntity.status(HttpStatus.ACCEPTED).body(o.pending());
    }

    @PostMapping("/{id}/certificates")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Change certificate(Authentication who, @PathVariable String id, @RequestBody CertificateBody b, HttpServletRequest http) {
        return admin.certificate(who.getName(), id, b.pem(), b.reason(), http.getRemoteAddr());
    }

    @PostMapping("/{id}/keys")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Change keys(Authentication who, @PathVariable String id, @RequestBody KeysBody b, HttpServletRequest http) {
        return admin.keys(who.getName(), id, b.jwks(), b.reason(), http.getRemoteAddr());
    }

    /** Stops trusting a certificate at once (narrowing: one officer, a reason; not the partner's last trusted one while it is active). */
    @PostMapping("/{id}/certificates/{fingerprint}/retire")
    View retireCertificate(Authentication who, @PathVariable String id, @PathVariable String fingerprint, @RequestBody(required = false) Reason b,
                           HttpServletRequest http) {
        admin.retireCertificate(who.getName(), id, fingerprint, b == null ? null : b.reason(), http.getRemoteAddr());
        return one(id);
    }

    /** Stops trusting a public key at once (narrowing: one officer, a reason; not the partner's last of its use while it is active). */
    @PostMapping("/{id}/keys/{kid}/retire")
    View retireKey(Authentication who, @PathVariable String id, @PathVariable String kid, @RequestBody(required = false) Reason b,
                   HttpServletRequest http) {
        admin.retireKey(who.getName(), id, kid, b == null ? null : b.reason(), http.getRemoteAddr());
        return one(id);
    }

    @GetMapping("/changes")
    List<Change> pending() {
        return admin.pending();
    }

    @PostMapping("/changes/{id}/approve")
    Change approve(Authentication who, @PathVariable UUID id, @RequestBody(required = false) Reason b, HttpServletRequest http) {
        return admin.approve(who.getName(), id, b == null ? null : b.reason(), http.getRemoteAddr());
    }

    @PostMapping("/changes/{id}/reject")
    Change reject(Authentication who, @PathVariable UUID id, @RequestBody(required = false) Reason b, HttpServletRequest http) {
        return admin.reject(who.getName(), id, b == null ? null : b.reason(), http.getRemoteAddr());
    }
}
