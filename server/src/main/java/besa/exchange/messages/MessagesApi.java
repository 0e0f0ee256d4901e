package besa.exchange.messages;

import besa.access.AccessPolicy;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.envelope.Message;
import besa.exchange.envelope.Payload;
import besa.exchange.envelope.SharedEntity;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST for liaison officers (SecurityConfig): threads, messages, the composer with preview, approvals (forwarding permissions: partner.web.PermissionsApi). */
@RestController
@RequestMapping("/api/exchange")
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class MessagesApi {
    record Decision(String reason) {}


    private final Messages messages;
    private final Threads threads;
    private final Received received;
    private final AccessPolicy access;
    private final AuditLog audit;

    MessagesApi(Messages messages, Threads threads, Received received, AccessPolicy access, AuditLog audit) {
        this.messages = messages;
        this.threads = threads;
        this.received = received;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping("/threads")
    List<Threads.Thread> threads(@RequestParam(defaultValue = "100") int limit) {
        received.storePending();
        return threads.list(Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/threads/{id}")
    Threads.Thread thread(@PathVariable UUID id) {
        return threads.thread(id).orElseThrow(() -> new MessageRefused(HttpStatus.NOT_FOUND, null, "no thread " + id));
    }

    /** One message in full; statements above the reader's clearance are left out. Audited as a consultation. */
    @GetMapping("/messages/{id}")
    Threads.Full message(Authentication who, @PathVariable UUID id, HttpServletRequest http) {
        received.storePending();
        Threads.Full f = threads.message(id).orElseThrow(() -> new MessageRefused(HttpStatus.NOT_FOUND, null, "no message " + id));
        int clearance = access.scope().clearance();
        Message m = f.message();
        List<SharedEntity> visible = m.payload().entities().stream()
                .map(e -> new SharedEntity(e.id(), e.type(), e.category(), e.caption(),
                        e.statements().stream().filter(s -> s.handling().level() <= clearance).toList()))
                .toList();
        Message shown = new Message(m.id(), m.from(), m.to(), m.kind(), m.thread(), m.priority(), m.replyBy(), m.createdAt(), m.validUntil(),
                m.nonce(), m.legalBasis(), m.onwardTransfer(), new Payload(m.payload().note(), visible, m.payload().withoutKeys().attachments()));
        audit.record(new AuditEvent(who.getName(), AuditAction.CONSULTATION, "exchange message " + id, "", f.summary().partner(),
                AuditOutcome.SUCCESS, http.getRemoteAddr()));
        List<String> stored = "IN".equals(f.summary().direction()) ? received.entitiesOf(id, f.summary().partner()) : List.of();
        return new Threads.Full(f.summary(), shown, stored);
    }

    @PostMapping("/messages/preview")
    Preview preview(@RequestBody Compose body) {
        return messages.preview(body);
    }

    @PostMapping("/messages")
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.CREATED)
    Draft compose(Authentication who, @RequestBody Compose body, HttpServletRequest http) {
        return messages.compose(who.getName(), body, http.getRemoteAddr());
    }

    @GetMapping("/approvals")
    List<Draft> approvals(Authentication who) {
        return messages.pendingFor(who.getName());
    }

    @GetMapping("/drafts")
    List<Draft> mine(Authentication who) {
        return messages.composedBy(who.getName());
    }

    @PostMapping("/approvals/{id}/approve")
    Draft approve(Authentication who, @PathVariable UUID id, @RequestBody(required = false) Decision body, HttpServletRequest http) {
        return messages.approve(who.getName(), id, body == null ? null : body.reason(), http.getRemoteAddr());
    }

    @PostMapping("/approvals/{id}/reject")
    Draft reject(Authentication who, @PathVariable UUID id, @RequestBody(required = false) Decision body, HttpServletRequest http) {
        return messages.reject(who.getName(), id, body == null ? null : body.reason(), http.getRemoteAddr());
    }
}
