package besa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The trail read forward: entries after an index, oldest first, in bounded batches, as recorded. */
@SpringBootTest
class AuditFeedTest {
    @Autowired AuditLog audit;
    @Autowired AuditFeed feed;

    @Test
    void readsEntriesAfterAnIndexInOrderAndInBatches() {
        String actor = "feed-" + UUID.randomUUID().toString().substring(0, 8);
        long before = feed.lastIndex();
        RecordedEvent a = audit.record(new AuditEvent(actor, AuditAction.CONSULTATION, "P-1", "CASE 2026/1", "", AuditOutcome.SUCCESS, "10.0.0.1"));
        RecordedEvent b = audit.record(AuditEvent.of(actor, AuditAction.CONSULTATION, "P-1", AuditOutcome.DENIED, "10.0.0.1"));
        RecordedEvent c = audit.record(AuditEvent.of(actor, AuditAction.ALTERATION, "P-2", AuditOutcome.SUCCESS, "10.0.0.2"));

        AuditFeed.Batch first = feed.after(a.index() - 1, 2);
        assertThat(first.events()).extracting(RecordedEvent::index).containsExactly(a.index(), b.index());
        assertThat(first.lastIndex()).isEqualTo(b.index());
        RecordedEvent read = first.events().getFirst();
        assertThat(read.at()).isEqualTo(a.at());
        assertThat(read.event()).isEqualTo(a.event());

        AuditFeed.Batch rest = feed.after(first.lastIndex(), 100);
        assertThat(rest.events()).extracting(RecordedEvent::index).startsWith(c.index());
        assertThat(rest.events().getFirst().event().target()).isEqualTo("P-2");
        assertThat(before).isLessThan(a.index());
        assertThat(feed.lastIndex()).isGreaterThanOrEqualTo(c.index());

        AuditFeed.Batch none = feed.after(feed.lastIndex(), 10);
        assertThat(none.events()).isEmpty();
        assertThat(none.lastIndex()).isEqualTo(feed.lastIndex());
        assertThatThrownBy(() -> feed.after(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
