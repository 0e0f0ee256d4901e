package besa.exchange.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Refused handshakes: a bounded number of audit events a minute, the rest counted into the next one. */
class AlertBudgetTest {
    Instant now = Instant.parse("2026-12-06T18:00:00Z");
    final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };

    @Test
    void recordsUpToTheBudgetThenCountsTheRestIntoTheNextMinutesFirstAlert() {
        AlertBudget budget = new AlertBudget(3, clock);
        for (int i = 0; i < 3; i++) assertThat(budget.take()).isEqualTo(new AlertBudget.Decision(true, 0));
        for (int i = 0; i < 5; i++) assertThat(budget.take().record()).isFalse();
        now = now.plus(Duration.ofSeconds(59));
        assertThat(budget.take().record()).isFalse(); // still the same minute
        now = now.plus(Duration.ofSeconds(1));
        assertThat(budget.take()).isEqualTo(new AlertBudget.Decision(true, 6));
        assertThat(budget.take()).isEqualTo(new AlertBudget.Decision(true, 0));
    }

    @Test
    void aBudgetOfNothingIsRefused() {
        assertThatThrownBy(() -> new AlertBudget(0, clock)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    }
}
