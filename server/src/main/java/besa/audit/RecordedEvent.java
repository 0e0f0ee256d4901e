package besa.audit;

import java.time.Instant;

/** An audit event as the trail holds it: its entry index and the UTC time (ms) the module gave it. */
public record RecordedEvent(long index, Instant at, AuditEvent event) {}
