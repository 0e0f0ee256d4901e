package besa.exchange.sharing;

import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import java.time.Instant;
import java.util.UUID;

/**
 * A sharing schedule: new material of one category for one partner, optionally only from one source
 * or originator, up to a handling ceiling, built when the cadence is due. {@code owner} is the officer
 * who last set it: packages are composed in his name, so another officer approves them.
 */
public record Schedule(UUID id, String partner, Category category, String source, String originator, Cadence cadence, HandlingCode ceiling,
                       boolean active, Instant since, Instant lastDue, String owner, String createdBy, Instant createdAt, Instant updatedAt) {}
