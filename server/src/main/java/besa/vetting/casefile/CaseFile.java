package besa.vetting.casefile;

import besa.vetting.personnel.Officer;
import java.time.Instant;
import java.util.List;

/**
 * A case as its members see it: the officer, the three pillars with their evidence and findings,
 * the members, every decision taken, and the outcome once closed.
 */
public record CaseFile(Summary summary, Officer officer, List<PillarView> pillars, List<String> members,
        List<Decision> decisions, List<AlertDecision> alertDecisions, String outcomeReason, String closedBy, Instant closedAt) {

    public CaseFile {
        pillars = List.copyOf(pillars);
        members = List.copyOf(members);
        decisions = List.copyOf(decisions);
        alertDecisions = List.copyOf(alertDecisions);
    }

    /** One line of the list of cases. */
    public record Summary(long id, String reference, String officerId, String officerName, String status, Outcome outcome,
            String openedBy, Instant openedAt) {
        public boolean open() {
            return "OPEN".equals(status);
        }
    }

    public record PillarView(Pillar pillar, PillarFinding finding, String reasoning, String decidedBy, Instant decidedAt,
            List<Evidence> evidence) {
        public PillarView {
            evidence = List.copyOf(evidence);
        }
    }

    /** @param reference the alert or entity id; null for notes and files */
    public record Evidence(long id, Pillar pillar, EvidenceKind kind, String reference, String title, String sha256, int size,
            String addedBy, Instant addedAt) {}

    /** One entry of the case's history. */
    public record Decision(long id, String kind, Pillar pillar, String verdict, String reason, String decidedBy, Instant decidedAt) {}

    /** A decision on an alert linked as evidence (triage, escalation). */
    public record AlertDecision(long alertId, String factorKey, String verdict, String reason, String decidedBy, Instant decidedAt) {}

    public boolean open() {
        return summary.open();
    }

    /** True when every pillar has a finding: the case may be closed. */
    public boolean decidable() {
        return pillars.stream().allMatch(p -> p.finding() != null);
    }

    public List<Evidence> evidence() {
        return pillars.stream().flatMap(p -> p.evidence().stream()).toList();
    }
}
