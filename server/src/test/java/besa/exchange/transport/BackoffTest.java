package besa.exchange.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Retries spread out: each delay in the upper half of base × 2^attempts, never above the cap. */
class BackoffTest {
    @Test
    void growsExponentiallyWithJitterUpToTheCap() {
        var b = new Backoff(Duration.ofSeconds(2), Duration.ofHours(1));
        for (int i = 0; i < 200; i++) {
            assertThat(b.after(0).toMillis()).isBetween(1_000L, 2_000L);
            assertThat(b.after(3).toMillis()).isBetween(8_000L, 16_000L);
            assertThat(b.after(40).toMillis()).isBetween(1_800_000L, 3_600_000L);
        }
    }
}
