package besa.vetting.web;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.vetting.VettingAccess;
import besa.vetting.insider.Canaries;
import besa.vetting.insider.InsiderQueue;
import besa.vetting.insider.InsiderWatch;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/vetting/insider}: the insider-watch queue, a run on demand, and the canaries. Vetting
 * unit only ({@link VettingAccess}: 403 otherwise); reads are audited as consultations, canary changes
 * as alterations. Refusals are problem details ({@link InsiderProblems}).
 */
@RestController
@RequestMapping("/api/vetting/insider")
class InsiderApi {
    private final VettingAccess access;
    private final InsiderWatch watch;
    private final InsiderQueue queue;
    private final Canaries canaries;
    private final AuditLog audit;

    InsiderApi(VettingAccess access, InsiderWatch watch, InsiderQueue queue, Canaries canaries, AuditLog audit) {
        this.access = access;
        this.watch = watch;
        this.queue = queue;
        this.canaries = canaries;
        this.audit = audit;
    }

    /** The body that marks an existing entity as a canary. */
    record Mark(String entityId, String note) {}

    @GetMapping("/alerts")
    List<InsiderQueue.Item> alerts(Authentication who, @RequestParam(defaultValue = "false") boolean all,
                                   @RequestParam(defaultValue = "200") int limit, HttpServletRequest http) {
        if (limit < 1 || limit > 1000) throw new Canaries.Refused("limit", "insider.error.limit", "limit must be between 1 and 1000, not " + limit);
        List<InsiderQueue.Item> items = access.read(scope -> queue.list(all, limit));
        record(who, AuditAction.CONSULTATION, InsiderPages.QUEUE_TARGET, http);
        return items;
    }

    /** Processes the audit trail up to now; returns how many entries it read and when, no alert counts (see RunNotice). */
    @PostMapping("/run")
    InsiderWatch.RunNotice run() {
        access.read(scope -> null); // the gate: 403 for anyone outside the vetting unit
        return watch.run().notice();
    }

    @GetMapping("/canaries")
    List<Canaries.Canary> canaries(Authentication who, HttpServletRequest http) {
        List<Canaries.Canary> list = access.read(scope -> canaries.list());
        record(who, AuditAction.CONSULTATION, InsiderPages.CANARIES_TARGET, http);
        return list;
    }

    @PostMapping("/canaries")
    @ResponseStatus(HttpStatus.CREATED)
    Canaries.Canary mark(Authentication who, @RequestBody Mark body, HttpServletRequest http) {
        return access.write(scope -> {
            Canaries.Canary c = canaries.mark(body.entityId(), body.note(), who.getName());
            record(who, AuditAction.ALTERATION, InsiderPages.CANARIES_TARGET + ": canary placed", http); // unaudited, it rolls back
            return c;
        });
    }

    @PostMapping("/canaries/decoys")
    @ResponseStatus(HttpStatus.CREATED)
    Canaries.Canary decoy(Authentication who, @RequestBody Canaries.Decoy body, HttpServletRequest http) {
        return access.write(scope -> {
            Canaries.Canary c = canaries.createDecoy(body, who.getName());
            record(who, AuditAction.ALTERATION, InsiderPages.CANARIES_TARGET + ": decoy created", http);
            return c;
        });
    }

    @DeleteMapping("/canaries/{entityId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unmark(Authentication who, @PathVariable String entityId, HttpServletRequest http) {
        access.write(scope -> {
            if (!canaries.unmark(entityId)) throw new Canaries.Refused("entityId", "insider.canary.error.notCanary", entityId + " is not a canary");
            record(who, AuditAction.ALTERATION, InsiderPages.CANARIES_TARGET + ": canary removed", http);
            return null;
        });
    }

    private void record(Authentication who, AuditAction action, String target, HttpServletRequest http) {
        audit.record(new AuditEvent(who.getName(), action, target, besa.access.Justifications.describe(http), "", AuditOutcome.SUCCESS,
                http.getRemoteAddr()));
    }
}
