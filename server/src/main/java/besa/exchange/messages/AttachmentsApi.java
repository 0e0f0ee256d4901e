package besa.exchange.messages;

import besa.access.AccessPolicy;
import besa.access.ReadScope;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.attachment.AttachmentRefused;
import besa.exchange.attachment.Attachments;
import besa.exchange.envelope.Payload;
import besa.exchange.envelope.SharedAttachment;
import besa.exchange.partner.HandlingCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Attachments for liaison officers (SecurityConfig: {@code /api/exchange/**} and {@code /exchange/**}):
 * upload (the request body streamed to disk, encrypted as it arrives), describe, download (decrypted
 * as it is sent, every download a CONSULTATION audit event naming the partner), and passing a
 * received file on (a fresh encrypted copy the composer can attach; whether it may go is decided
 * at the preview, by the originator's rules).
 */
@RestController
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class AttachmentsApi {
    private static final Logger log = LoggerFactory.getLogger(AttachmentsApi.class);

    private final Attachments attachments;
    private final Threads threads;
    private final Messages messages;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final MessageSource texts;

    AttachmentsApi(Attachments attachments, Threads threads, Messages messages, AccessPolicy access, AuditLog audit, MessageSource texts) {
        this.attachments = attachments;
        this.threads = threads;
        this.messages = messages;
        this.access = access;
        this.audit = audit;
        this.texts = texts;
    }

    /** The body is the file, as is; {@code name} its name, Content-Type its media type. */
    @PostMapping("/api/exchange/attachments")
    @ResponseStatus(HttpStatus.CREATED)
    Attachments.Upload upload(Authentication who, @RequestParam(defaultValue = "") String name,
                              @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String type, HttpServletRequest http)
            throws IOException {
        if (name.isBlank()) throw new MessageRefused(HttpStatus.BAD_REQUEST, "name", "give the file's name: ?name=report.pdf");
        if (http.getContentLengthLong() > attachments.maxBytes()) {
            throw new MessageRefused(HttpStatus.CONTENT_TOO_LARGE, "file", "'" + name + "' is larger than the limit of " + attachments.maxBytes() + " bytes");
        }
        try (InputStream in = http.getInputStream()) {
            return attachments.upload(who.getName(), name, type, in);
        }
    }

    /** An upload's description; a file on no draft and no message only for its uploader (see {@link #ownContent}). */
    @GetMapping("/api/exchange/attachments/{id}")
    Attachments.Upload describe(Authentication who, @PathVariable UUID id) {
        return attachments.find(id).filter(u -> attached(u) || u.uploadedBy().equals(who.getName()))
                .orElseThrow(() -> new MessageRefused(HttpStatus.NOT_FOUND, null, "no attachment " + id));
    }

    private static boolean attached(Attachments.Upload u) {
        return u.draft() != null || u.message() != null;
    }

    /**
     * One of our uploads (an approver looks at a draft's file before deciding). A file on no draft and no message yet has
     * no handling code of its own (nothing says what it is about), so only its uploader may read it: to anyone else it
     * does not exist (404), and the attempt is audited.
     */
    @GetMapping({"/api/exchange/attachments/{id}/content", "/exchange/attachments/{id}/content"})
    void ownContent(Authentication who, @PathVariable UUID id, HttpServletRequest http, HttpServletResponse response) throws IOException {
        Attachments.Upload u = attachments.find(id).orElseThrow(() -> new MessageRefused(HttpStatus.NOT_FOUND, null, "no attachment " + id));
        if (!attached(u) && !u.uploadedBy().equals(who.getName())) {
            audit.record(new AuditEvent(who.getName(), AuditAction.CONSULTATION, "exchange attachment " + id + " (on no draft or message)",
                    "refused: only its uploader may read a file not yet on a draft or message", attachments.origin(id).map(o -> o[0]).orElse(""),
                    AuditOutcome.DENIED, http.getRemoteAddr()));
            throw new MessageRefused(HttpStatus.NOT_FOUND, null, "no attachment " + id);
        }
        String partner = u.message() == null ? "" : threads.message(u.message()).map(f -> f.summary().partner()).orElse("");
        String context = "uploaded by " + u.uploadedBy() + (u.draft() == null ? "" : ", draft " + u.draft());
        var origin = attachments.origin(id);
        if (origin.isPresent()) { // a copy of a partner's file: its originator is whose data is read
            String from = origin.get()[0];
            context = "copy of an attachment of message " + origin.get()[1] + ", originator " + from + ", made by " + u.uploadedBy()
                    + (u.draft() == null ? "" : ", draft " + u.draft()) + (partner.isEmpty() ? "" : ", sent to " + partner);
            partner = from;
        }
        // The file's handling code: the highest of the messages that carry it (the draft, the message sent, the partner's original).
        // A message or draft that cannot be read any more counts as H3: deny rather than guess.
        HandlingCode handling = HandlingCode.H0;
        if (u.message() != null) handling = max(handling, threads.unstrippedPayload(u.message()).map(AttachmentsApi::highest).orElse(HandlingCode.H3));
        if (u.draft() != null) handling = max(handling, messages.draft(u.draft()).map(d -> highest(d.payload())).orElse(HandlingCode.H3));
        if (origin.isPresent()) {
            handling = max(handling, threads.unstrippedPayload(UUID.fromString(origin.get()[1])).map(AttachmentsApi::highest).orElse(HandlingCode.H3));
        }
        if (refused(who, u.attachment(), handling, false, context, partner, "/exchange/approvals", http, response)) return;
        stream(who, u.attachment(), handling, context, partner, attachments.openOut(id), http, response);
    }

    /** A file of a message we sent or received, decrypted as it is sent. */
    @GetMapping({"/api/exchange/messages/{message}/attachments/{id}", "/exchange/messages/{message}/attachments/{id}"})
    void messageContent(Authentication who, @PathVariable UUID message, @PathVariable UUID id, HttpServletRequest http,
                        HttpServletResponse response) throws IOException {
        Threads.Full f = threads.message(message).orElseThrow(() -> new MessageRefused(HttpStatus.NOT_FOUND, null, "no message " + message));
        SharedAttachment a = f.message().payload().attachments().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new MessageRefused(HttpStatus.NOT_FOUND, null, "message " + message + " has no attachment " + id));
        boolean in = "IN".equals(f.summary().direction());
        String originator = in ? f.message().from() : "this node";
        String context = "message " + message + ", originator " + originator;
        HandlingCode handling = fileHandling(message); // vetting leads included: the view f leaves them out
        if (refused(who, a, handling, in, context, f.summary().partner(), "/exchange/messages/" + message, http, response)) return;
        stream(who, a, handling, context, f.summary().partner(),
                in ? attachments.openIn(f.summary().partner(), a) : attachments.openOut(id), http, response);
    }

    /**
     * A file's handling code is the highest of the message that carries it (H0 when it carries no
     * statement): Besa cannot read a code inside the file, so it takes the strictest of its message.
     */
    /** The handling code of a file of {@code message}: from its payload as sent or received, vetting leads included. */
    HandlingCode fileHandling(UUID message) {
        return threads.unstrippedPayload(message).map(AttachmentsApi::highest).orElse(HandlingCode.H3); // not found: the strictest
    }

    static HandlingCode highest(Payload p) {
        return p.entities().stream().flatMap(e -> e.statements().stream()).map(s -> s.handling())
                .max(Comparator.naturalOrder()).orElse(HandlingCode.H0);
    }

    private static HandlingCode max(HandlingCode a, HandlingCode b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Whether the download is refused: the officer's clearance must cover the file's handling code
     * and, for a partner's file, he must be one who may read the thread (Threads.mayRead, the rule of
     * the thread and message pages). A refusal is audited (CONSULTATION / DENIED) and answered with a
     * 403 problem on the API, or a message on the page it came from ({@code back}).
     */
    private boolean refused(Authentication who, SharedAttachment a, HandlingCode handling, boolean received, String context, String partner,
                            String back, HttpServletRequest http, HttpServletResponse response) throws IOException {
        ReadScope scope = access.scope();
        String why = null;
        Object[] args = {a.name(), handling.name(), scope.clearance() < 0 ? "-" : HandlingCode.of(Math.min(scope.clearance(), 3)).name()};
        String key = null;
        if (received && !threads.mayRead(scope)) {
            why = "you may not read this partner thread, so not its files either";
            key = "attachments.refused.thread";
        } else if (scope.clearance() < handling.level()) {
            why = "the file is " + handling + " (the highest handling code of its message) and your clearance is " + args[2];
            key = "attachments.refused.clearance";
        }
        if (why == null) return false;
        audit.record(new AuditEvent(who.getName(), AuditAction.CONSULTATION, target(a, handling), context + "; refused: " + why, partner,
                AuditOutcome.DENIED, http.getRemoteAddr()));
        if (http.getRequestURI().startsWith(http.getContextPath() + "/api/")) {
            throw new MessageRefused(HttpStatus.FORBIDDEN, null, "download of '" + a.name() + "' refused: " + why);
        }
        FlashMap flash = RequestContextUtils.getOutputFlashMap(http);
        flash.put("error", texts.getMessage(key, args, RequestContextUtils.getLocale(http)));
        RequestContextUtils.saveOutputFlashMap(back, http, response);
        response.sendRedirect(http.getContextPath() + back);
        return true;
    }

    private static String target(SharedAttachment a, HandlingCode handling) {
        return "exchange attachment " + a.id() + " '" + a.name() + "' (" + a.size() + " bytes, sha256 " + a.sha256() + ", " + handling + ")";
    }

    /** A received file made ready to pass on: a fresh copy to attach in the composer. */
    @PostMapping("/api/exchange/messages/{message}/attachments/{id}/copy")
    @ResponseStatus(HttpStatus.CREATED)
    Attachments.Upload copy(Authentication who, @PathVariable UUID message, @PathVariable UUID id) throws IOException {
        Threads.Full f = threads.message(message).orElseThrow(() -> new MessageRefused(HttpStatus.NOT_FOUND, null, "no message " + message));
        if (!"IN".equals(f.summary().direction())) throw new MessageRefused(HttpStatus.BAD_REQUEST, null, "message " + message + " was not received");
        SharedAttachment a = f.message().payload().attachments().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new MessageRefused(HttpStatus.NOT_FOUND, null, "message " + message + " has no attachment " + id));
        // Passing a file on needs what reading it needs: the copy is readable by its maker.
        ReadScope scope = access.scope();
        if (!threads.mayRead(scope) || scope.clearance() < fileHandling(message).level()) {
            throw new MessageRefused(HttpStatus.FORBIDDEN, null, "'" + a.name() + "' is " + fileHandling(message)
                    + ", above your clearance: you may not pass it on");
        }
        return attachments.copyReceived(who.getName(), f.summary().partner(), message, a);
    }

    /** Audits (fail closed, before a byte leaves), then streams the plaintext as a download, never shown inline. */
    private void stream(Authentication who, SharedAttachment a, HandlingCode handling, String context, String partner, InputStream plain,
                        HttpServletRequest http, HttpServletResponse response) throws IOException {
        try (plain) {
            audit.record(new AuditEvent(who.getName(), AuditAction.CONSULTATION, target(a, handling), context, partner, AuditOutcome.SUCCESS,
                    http.getRemoteAddr()));
            response.setContentType("application/octet-stream"); // a partner's file is never rendered by the browser
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(a.name(), StandardCharsets.UTF_8).build().toString());
            response.setContentLengthLong(a.size());
            try (OutputStream out = response.getOutputStream()) {
                plain.transferTo(out);
            } catch (IOException e) {
                // A chunk that does not verify (or a client gone): the download is cut short, never completed with bad bytes.
                log.warn("download of attachment {} cut: {}", a.id(), e.getMessage());
                throw e;
            }
        }
    }

    static MessageRefused refused(AttachmentRefused e) {
        return new MessageRefused(HttpStatus.valueOf(e.status()), e.field(), e.getMessage());
    }
}
