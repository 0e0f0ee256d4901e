package besa.exchange.sharing;

import java.time.Instant;
import java.util.UUID;

/**
 * One run of a schedule as the calendar's history shows it. {@code status}: NOTHING_NEW, NOT_ALLOWED,
 * PENDING_APPROVAL, REFUSED (by an officer, or by the agreement at approval), SENT, RECEIPTED (delivered
 * with the partner's signed receipt), FAILED (the partner refused it), EXPIRED (not delivered in time).
 * {@code receipt}: VERIFIED (signature, message id and hash of the bytes sent check out now), NONE, or why not.
 */
public record SharingPackage(UUID id, UUID schedule, String partner, String category, Instant dueAt, Instant builtAt, int entities,
                             int statements, String status, String note, UUID draft, String composedBy, String decidedBy,
                             Instant decidedAt, String reason, UUID messageId, Instant sentAt, Instant receiptedAt, String receipt,
                             Instant receivedAt) {}
