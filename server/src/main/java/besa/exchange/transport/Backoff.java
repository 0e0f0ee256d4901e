package besa.exchange.transport;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: base × 2^attempts, capped, then a random point in its upper half. */
public record Backoff(Duration base, Duration max) {
    public Duration after(int attempts) {
        long cap = max.toMillis();
        long d = base.toMillis() << Math.min(attempts, 30);
        if (d <= 0 || d > cap) d = cap;
        return Duration.ofMillis(d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1));
    }
}
