package besa.exchange.envelope;

import java.time.Duration;

/** How soon a request must be answered (Europol-style): urgent 8 hours, high 3 days, routine 7 days. */
public enum Priority {
    URGENT(Duration.ofHours(8)),
    HIGH(Duration.ofDays(3)),
    ROUTINE(Duration.ofDays(7));

    private final Duration replyWithin;

    Priority(Duration replyWithin) {
        this.replyWithin = replyWithin;
    }

    public Duration replyWithin() {
        return replyWithin;
    }
}
