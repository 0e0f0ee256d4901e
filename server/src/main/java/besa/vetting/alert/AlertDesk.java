package besa.vetting.alert;

import besa.access.ReadScope;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.audit.AuditUnavailableException;
import besa.vetting.OfficerPseudonyms;
import besa.vetting.VettingAccess;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The vetting unit's work on alerts: the queue, one alert, assignment, agreement or disagreement on the
 * score and on each factor, and dismissal. Everything runs through {@link VettingAccess} (403 for anyone
 * who does no vetting work) and is audited before it is answered or committed: reads as CONSULTATION,
 * judgements as DECISION with the reason. An alert about the reader himself answers exactly like a
 * missing one ({@link AlertRefused.Kind#NOT_FOUND}) and raises a SECURITY_ALERT.
 */
@Service
public class AlertDesk {
    private static final Logger log = LoggerFactory.getLogger(AlertDesk.class);
    public static final int MAX_REASON = 2000;

    private final VettingAccess access;
    private final AlertStore store;
    private final AuditLog audit;
    private final OfficerPseudonyms pseudonyms;

    AlertDesk(VettingAccess access, AlertStore store, AuditLog audit, OfficerPseudonyms pseudonyms) {
        this.access = access;
        this.store = store;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
    }

    /** An alert as its page needs it: the detail and whom it may be assigned to. */
    public record Opened(AlertDetail detail, List<AlertStore.Assignee> assignable) {}

    /** Verdicts a person may give on the score or a factor. */
    public enum Verdict { AGREE, DISAGREE }

    public AlertPage queue(AlertQuery q, String client) {
        // The officer filter as a pseudonym; withheld when refused or when it is the reader himself, who
        // would otherwise learn his own pseudonym and could follow vetting work on him through the trail.
        return guarded(AuditAction.CONSULTATION, q.describe(o -> "(withheld)"), client, () -> access.read(scope -> {
            AlertPage page = store.list(q, scope.username());
            String target = q.describe(o -> o.equals(scope.officer()) ? "(withheld)" : pseudonyms.of(o));
            audit.record(AuditEvent.of(scope.username(), AuditAction.CONSULTATION, target, AuditOutcome.SUCCESS, client));
            return page;
        }));
    }

    /** The users the filter's assignee list offers (every cleared vetting officer). */
    public List<AlertStore.Assignee> vettingOfficers() {
        return access.read(scope -> store.vettingOfficers());
    }

    /** One alert, audited; {@link AlertRefused.Kind#NOT_FOUND} when missing or about the reader. */
    public Opened open(long id, String client) {
        AtomicReference<ReadScope> who = new AtomicReference<>();
        Optional<Opened> found = guarded(AuditAction.CONSULTATION, target(id), client, () -> access.read(scope -> {
            who.set(scope);
            Optional<AlertDetail> d = store.detail(id, scope.username());
            d.ifPresent(x -> audit.record(AuditEvent.of(scope.username(), AuditAction.CONSULTATION, target(id), AuditOutcome.SUCCESS, client)));
            return d.map(x -> new Opened(x, store.assignable(x.alert())));
        }));
        return found.orElseThrow(() -> notFound(id, who.get(), AuditAction.CONSULTATION, client));
    }

    /** Assigns an open alert to {@code assignee} ("mine" or "me": the requesting user), a cleared vetting officer who is not its subject. */
    public Decision assign(long id, String assignee, String client) {
        String name = assignee == null ? "" : assignee.strip();
        if (name.isEmpty()) throw AlertRefused.invalid("assignee", null, "assigneeMissing");
        return change(id, client, (scope, alert) -> {
            requireOpen(alert);
            String to = name.equalsIgnoreCase(AlertQuery.MINE) || name.equalsIgnoreCase("me") ? scope.username() : name;
            if (store.assignable(alert).stream().noneMatch(a -> a.username().equals(to))) throw refusedAssignee(alert, to);
            store.assign(id, to);
            String reason = "assigned to " + to;
            Decision d = store.record(id, null, "ASSIGN", reason, scope.username());
            audit.record(new AuditEvent(scope.username(), AuditAction.DECISION, target(id), "ASSIGN: " + reason, to, AuditOutcome.SUCCESS, client));
            return d;
        });
    }

    /** Agreement or disagreement with the score ({@code factorKey} null or blank) or with one factor, with a reason. */
    public Decision decide(long id, String verdict, String factorKey, String reason, String client) {
        Verdict v = verdict(verdict);
        String why = reason(reason);
        String key = factorKey == null || factorKey.isBlank() ? null : factorKey.strip();
        return change(id, client, (scope, alert) -> {
            requireOpen(alert);
            if (key != null && !store.hasFactor(id, key)) throw AlertRefused.invalid("factorKey", key, "unknownFactor", id);
            store.touch(id);
            Decision d = store.record(id, key, v.name(), why, scope.username());
            audit.record(new AuditEvent(scope.username(), AuditAction.DECISION, target(id) + (key == null ? " score" : " factor " + factorRef(key)),
                    v.name() + ": " + why, "", AuditOutcome.SUCCESS, client));
            return d;
        });
    }

    /**
     * Dismisses an open alert with a reason. An ASSIGNED alert only by its assignee; a NEW one by any
     * vetting officer, who thereby takes it (it is recorded as assigned to him). It stays dismissed when
     * screening finds the same things again; {@link AlertWriter} reopens it for stronger evidence.
     */
    public Decision dismiss(long id, String reason, String client) {
        String why = reason(reason);
        return change(id, client, (scope, alert) -> {
            if (alert.status().equals("DISMISSED")) throw new AlertRefused(AlertRefused.Kind.CONFLICT, null, null, "alreadyDismissed", id);
            if (alert.status().equals("ESCALATED")) throw new AlertRefused(AlertRefused.Kind.CONFLICT, null, null, "escalated", id);
            // An assigned alert is its assignee's to judge: nobody else closes it over his head.
            if (alert.status().equals("ASSIGNED") && !scope.username().equals(alert.assignee())) {
                throw new AlertRefused(AlertRefused.Kind.CONFLICT, null, null, "assignedToOther", id, alert.assignee());
            }
            store.dismiss(id, scope.username(), why);
            Decision d = store.record(id, null, "DISMISS", why, scope.username());
            audit.record(new AuditEvent(scope.username(), AuditAction.DECISION, target(id), "DISMISS: " + why, "", AuditOutcome.SUCCESS, client));
            return d;
        });
    }

    static String target(long id) {
        return "vetting-alert:" + id;
    }

    /**
     * A factor as the trail names it: its kind and a keyed fingerprint of its key, since keys carry the
     * officer id and identifiers (e.g. {@code IDENTIFIER:PHONE:+355…:P-42}) and any auditor reads the trail.
     */
    private String factorRef(String key) {
        int colon = key.indexOf(':');
        return (colon > 0 ? key.substring(0, colon) + " " : "") + pseudonyms.fingerprint(key);
    }

    private static Verdict verdict(String verdict) {
        if (verdict == null || verdict.isBlank()) throw AlertRefused.invalid("verdict", null, "verdictMissing");
        try {
            return Verdict.valueOf(verdict.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw AlertRefused.invalid("verdict", verdict.strip(), "verdict");
        }
    }

    private static String reason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) throw AlertRefused.invalid("reason", null, "reasonMissing");
        if (why.length() > MAX_REASON) throw AlertRefused.invalid("reason", null, "reasonTooLong", MAX_REASON);
        return why;
    }

    private static void requireOpen(AlertRow alert) {
        if (!alert.open()) throw new AlertRefused(AlertRefused.Kind.CONFLICT, null, null, "notOpen", alert.id(), alert.status());
    }

    private AlertRefused refusedAssignee(AlertRow alert, String to) {
        Optional<AlertStore.Account> account = store.account(to);
        if (account.isEmpty()) return AlertRefused.invalid("assignee", to, "unknownAssignee");
        if (to.equals(alert.userName()) || alert.officerId() != null && alert.officerId().equals(account.get().officerId())) {
            return AlertRefused.invalid("assignee", to, "assigneeIsSubject");
        }
        return AlertRefused.invalid("assignee", to, "notVettingOfficer");
    }

    /** Runs a change on a visible alert, locked, in a write transaction; a hidden or missing one is NOT_FOUND. */
    private <T> T change(long id, String client, java.util.function.BiFunction<ReadScope, AlertRow, T> work) {
        AtomicReference<ReadScope> who = new AtomicReference<>();
        AtomicReference<Boolean> missing = new AtomicReference<>(false);
        T out = guarded(AuditAction.DECISION, target(id), client, () -> access.write(scope -> {
            who.set(scope);
            Optional<AlertRow> alert = store.find(id, scope.username(), true);
            if (alert.isEmpty()) {
                missing.set(true);
                return null;
            }
            return work.apply(scope, alert.get());
        }));
        if (missing.get()) throw notFound(id, who.get(), AuditAction.DECISION, client);
        return out;
    }

    /**
     * The answer for an alert the reader cannot see. When it exists and is about him, that is a subject
     * reaching for his own vetting material: a SECURITY_ALERT (the check runs in the application's own
     * scope, after the reader's transaction, and its result goes only to the trail).
     */
    private AlertRefused notFound(long id, ReadScope scope, AuditAction action, String client) {
        boolean self = access.system(s -> store.isAbout(id, scope.officer(), scope.username()));
        record(new AuditEvent(scope.username(), self ? AuditAction.SECURITY_ALERT : action, target(id), "", "", AuditOutcome.DENIED, client));
        return new AlertRefused(AlertRefused.Kind.NOT_FOUND, "id", Long.toString(id), "notFound", id);
    }

    /** Runs {@code work}; a refusal by the gate (403) is audited as DENIED before it goes on. */
    private <T> T guarded(AuditAction action, String target, String client, Supplier<T> work) {
        try {
            return work.get();
        } catch (AccessDeniedException e) {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            String user = auth == null ? "anonymous" : auth.getName();
            record(AuditEvent.of(user, action, target, AuditOutcome.DENIED, client));
            throw e;
        }
    }

    private void record(AuditEvent e) {
        try {
            audit.record(e);
        } catch (AuditUnavailableException x) {
            log.error("Could not record a refused vetting request: {}", x.getMessage());
        }
    }
}
