package besa.exchange.messages;

import besa.access.AccessPolicy;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.attachment.AttachmentRefused;
import besa.exchange.attachment.Attachments;
import besa.exchange.envelope.MessageKind;
import besa.exchange.envelope.Priority;
import besa.exchange.partner.Partner;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.PartnerRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The pages for liaison officers (SecurityConfig): threads, one thread, one message, the composer with preview, approvals. */
@Controller
@RequestMapping("/exchange")
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class MessagesPages {
    /** Times on the pages, in UTC as the partners see them. */
    public static final class Times {
        private static final DateTimeFormatter F = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

        public String of(Instant t) {
            return t == null ? "" : F.format(t);
        }
    }

    private final Messages messages;
    private final Threads threads;
    private final Received received;
    private final PartnerRegistry partners;
    private final Attachments attachments;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final org.springframework.context.MessageSource texts;
    private final long maxRequestBytes;

    MessagesPages(Messages messages, Threads threads, Received received, PartnerRegistry partners, Attachments attachments, AccessPolicy access,
                  AuditLog audit, org.springframework.context.MessageSource texts,
                  @org.springframework.beans.factory.annotation.Value("${spring.servlet.multipart.max-request-size:512MB}")
                  org.springframework.util.unit.DataSize maxRequest) {
        this.texts = texts;
        this.maxRequestBytes = maxRequest.toBytes();
        this.messages = messages;
        this.threads = threads;
        this.received = received;
        this.partners = partners;
        this.attachments = attachments;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping
    String threads(Authentication who, Model model) {
        received.storePending();
        model.addAttribute("threads", threads.list(200));
        model.addAttribute("pending", messages.pendingFor(who.getName()).size());
        model.addAttribute("drafts", messages.composedBy(who.getName()).stream().limit(20).toList());
        model.addAttribute("times", new Times());
        return "exchange/threads";
    }

    @GetMapping("/threads/{id}")
    String thread(@PathVariable UUID id, Model model) {
        var t = threads.thread(id).orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(
                org.springframework.http.HttpStatus.NOT_FOUND));
        model.addAttribute("thread", t);
        model.addAttribute("times", new Times());
        return "exchange/thread";
    }

    @GetMapping("/messages/{id}")
    String message(Authentication who, @PathVariable UUID id, Model model, HttpServletRequest http) {
        received.storePending();
        var f = threads.message(id).orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(
                org.springframework.http.HttpStatus.NOT_FOUND));
        int clearance = access.scope().clearance();
        audit.record(new AuditEvent(who.getName(), AuditAction.CONSULTATION, "exchange message " + id, "", f.summary().partner(),
                AuditOutcome.SUCCESS, http.getRemoteAddr()));
        model.addAttribute("m", f.summary());
        model.addAttribute("message", new besa.exchange.envelope.Message(f.message().id(), f.message().from(), f.message().to(), f.message().kind(),
                f.message().thread(), f.message().priority(), f.message().replyBy(), f.message().createdAt(), f.message().validUntil(),
                f.message().nonce(), f.message().legalBasis(), f.message().onwardTransfer(), f.message().payload().withoutKeys()));
        model.addAttribute("clearance", clearance);
        model.addAttribute("fileHandling", threads.unstrippedPayload(id).map(AttachmentsApi::highest).orElse(HandlingCode.H3).name());
        model.addAttribute("stored", "IN".equals(f.summary().direction()) ? received.entitiesOf(id, f.summary().partner()) : List.of());
        model.addAttribute("times", new Times());
        return "exchange/message";
    }

    /**
     * The composer. {@code tooLarge} and {@code attachments}: sent back here by {@link UploadCap} after a
     * submission over the multipart cap, with the message and the officer's earlier uploads (only his
     * own uploads that no draft took are kept attached).
     */
    @GetMapping("/compose")
    String compose(Authentication who, @RequestParam(required = false) UUID thread, @RequestParam(required = false) String partner,
                   @RequestParam(required = false) String kind, @RequestParam(required = false) String entities,
                   @RequestParam(required = false) Long tooLarge, @RequestParam(defaultValue = "") String attachments, Model model,
                   java.util.Locale locale) {
        List<Attachments.Upload> kept = parseIds(attachments).stream().map(this.attachments::find).flatMap(java.util.Optional::stream)
                .filter(u -> u.uploadedBy().equals(who.getName()) && u.draft() == null && u.message() == null).toList();
        form(model, new Form(partner, kind == null ? (thread == null ? "REQUEST" : "REPLY") : kind, thread, "ROUTINE", "",
                entities == null ? "" : entities, String.join(",", kept.stream().map(u -> u.attachment().id().toString()).toList())));
        if (!kept.isEmpty()) model.addAttribute("uploaded", kept.stream().map(Attachments.Upload::attachment).toList());
        if (tooLarge != null) {
            model.addAttribute("error", texts.getMessage("attachments.tooLarge", new Object[] {mb(tooLarge), mb(maxRequestBytes),
                    mb(this.attachments.maxBytes())}, locale));
        }
        return "exchange/compose";
    }

    private static String mb(long bytes) {
        return java.math.BigDecimal.valueOf(bytes).divide(java.math.BigDecimal.valueOf(1024 * 1024), 1, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    /** action=preview shows what would leave; action=send composes (sent at once, or held for approval). */
    @PostMapping("/compose")
    String composePost(Authentication who, @RequestParam(defaultValue = "") String partner, @RequestParam(defaultValue = "") String kind,
                       @RequestParam(required = false) UUID thread, @RequestParam(defaultValue = "") String priority,
                       @RequestParam(defaultValue = "") String note, @RequestParam(defaultValue = "") String entities,
                       @RequestParam(defaultValue = "preview") String action, @RequestParam(defaultValue = "") String digest,
                       @RequestParam(defaultValue = "") String attachments, @RequestParam(name = "files", required = false) List<MultipartFile> files,
                       Model model, HttpServletRequest http, RedirectAttributes flash) {
        // Files chosen in this round are stored (streamed from the container's temporary file, encrypted) and join the earlier ones.
        List<UUID> ids = new java.util.ArrayList<>(parseIds(attachments));
        String uploadError = null;
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) continue;
            try (var in = file.getInputStream()) {
                ids.add(this.attachments.upload(who.getName(), file.getOriginalFilename(), file.getContentType(), in).attachment().id());
            } catch (AttachmentRefused e) {
                uploadError = e.getMessage();
            } catch (java.io.IOException e) {
                uploadError = "could not read the file: " + e.getMessage();
            }
        }
        Form f = new Form(partner, kind, thread, priority, note, entities, String.join(",", ids.stream().map(UUID::toString).toList()));
        form(model, f);
        model.addAttribute("uploaded", ids.stream().map(this.attachments::find).flatMap(java.util.Optional::stream)
                .map(Attachments.Upload::attachment).toList());
        if (uploadError != null) {
            model.addAttribute("error", uploadError); // what was stored before stays attached
            return "exchange/compose";
        }
        try {
            Compose c = new Compose(partner, parse(MessageKind.class, kind), thread, parse(Priority.class, priority), note,
                    Arrays.asList(entities.split("[,\\s]+")), "send".equals(action) ? digest : null, ids);
            if ("send".equals(action)) {
                Draft d = messages.compose(who.getName(), c, http.getRemoteAddr());
                flash.addFlashAttribute("notice", "SENT".equals(d.status()) ? "exchange.notice.sent" : "exchange.notice.held");
                return "redirect:/exchange";
            }
            model.addAttribute("preview", messages.preview(c));
        } catch (MessageRefused e) {
            model.addAttribute("error", e.getMessage());
        }
        return "exchange/compose";
    }

    @GetMapping("/approvals")
    String approvals(Authentication who, Model model) {
        model.addAttribute("drafts", messages.pendingFor(who.getName()));
        model.addAttribute("times", new Times());
        return "exchange/approvals";
    }

    @PostMapping("/approvals/{id}")
    String decide(Authentication who, @PathVariable UUID id, @RequestParam String decision, @RequestParam(defaultValue = "") String reason,
                  HttpServletRequest http, RedirectAttributes flash) {
        try {
            if ("approve".equals(decision)) {
                messages.approve(who.getName(), id, reason.isBlank() ? null : reason, http.getRemoteAddr());
                flash.addFlashAttribute("notice", "exchange.notice.approved");
            } else {
                messages.reject(who.getName(), id, reason, http.getRemoteAddr());
                flash.addFlashAttribute("notice", "exchange.notice.rejected");
            }
        } catch (MessageRefused e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/exchange/approvals";
    }

    /** What the officer typed, to show it again. */
    public record Form(String partner, String kind, UUID thread, String priority, String note, String entities, String attachments) {}

    private static List<UUID> parseIds(String s) {
        List<UUID> ids = new java.util.ArrayList<>();
        for (String part : s.split("[,\\s]+")) {
            if (part.isBlank()) continue;
            try {
                ids.add(UUID.fromString(part.strip()));
            } catch (IllegalArgumentException e) {
                // not one of ours (the field is hidden): left out, and the preview shows what is really attached
            }
        }
        return ids;
    }

    private void form(Model model, Form f) {
        model.addAttribute("form", f);
        model.addAttribute("partners", partners.all().stream().filter(Partner::active).toList());
        model.addAttribute("kinds", List.of(MessageKind.REQUEST, MessageKind.REPLY, MessageKind.INFORMATION));
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("maxAttachments", attachments.maxCount());
        model.addAttribute("maxAttachmentMb", attachments.maxBytes() / (1024 * 1024));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new MessageRefused(org.springframework.http.HttpStatus.BAD_REQUEST, type.getSimpleName().toLowerCase(), "unknown " + value);
        }
    }
}
