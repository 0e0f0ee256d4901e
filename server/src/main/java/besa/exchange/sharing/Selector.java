package besa.exchange.sharing;

import besa.exchange.envelope.SharedEntity;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import java.util.List;
import java.util.Set;

/**
 * Picks a schedule's new material for its categories. Pluggable, so that material kept outside the
 * intelligence store (vetting leads) can be added without touching the scheduler.
 */
public interface Selector {
    /**
     * What a selector found: the entities to send, the keys of everything it considered (sent or held back), and how
     * many it skipped because they cannot travel as stored (audited by the selector).
     */
    record Selection(List<SharedEntity> entities, List<String> considered, int skipped) {
        public Selection(List<SharedEntity> entities, List<String> considered) {
            this(entities, considered, 0);
        }

        public int statements() {
            return entities.stream().mapToInt(e -> e.statements().size()).sum();
        }
    }

    Set<Category> categories();

    /**
     * New material for {@code schedule}: what is not among {@code schedule}'s considered keys, with no
     * statement above {@code ceiling} (the lower of the schedule's and the agreement's), at most
     * {@code maxEntities} entities (the rest stays new for the next package).
     */
    Selection select(Schedule schedule, HandlingCode ceiling, int maxEntities);
}
