package besa.exchange.transport;

import java.time.Clock;

/**
 * How many refused TLS handshakes a minute become audit events. The handshake is the one part of
 * the endpoint open to strangers, so without a budget anyone could grow the audit trail at will.
 * Refusals over the budget are counted, and the next one recorded says how many went unrecorded.
 */
final class AlertBudget {
    private final int perMinute;
    private final Clock clock;
    private long minute = Long.MIN_VALUE;
    private int recorded;
    private long unrecorded;

    AlertBudget(int perMinute, Clock clock) {
        if (perMinute < 1) throw new IllegalArgumentException("the alert budget must allow at least one alert a minute");
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Whether this refusal is recorded, and how many before it were not since the last one that was. */
    synchronized Decision take() {
        long now = Math.floorDiv(clock.millis(), 60_000L);
        if (now != minute) {
            minute = now;
            recorded = 0;
        }
        if (recorded >= perMinute) {
            unrecorded++;
            return new Decision(false, 0);
        }
        recorded++;
        long skipped = unrecorded;
        unrecorded = 0;
        return new Decision(true, skipped);
    }

    record Decision(boolean record, long unrecordedBefore) {}
}
