package besa.vetting.alert;

import java.time.Instant;

/**
 * One judgement of the vetting unit on an alert (V90 {@code vetting_decision}).
 *
 * @param factorKey the factor judged, null for the alert's score (or for an assignment, dismissal, reopening)
 * @param verdict   AGREE, DISAGREE, DISMISS, ASSIGN, ESCALATE or REOPEN
 */
public record Decision(long id, String factorKey, String verdict, String reason, String decidedBy, Instant decidedAt) {}
