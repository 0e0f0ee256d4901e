package besa.vetting.scenario;

import besa.vetting.screening.FactorKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Ground truth for one officer of a generated scenario: how he was planted and which factor kinds a
 * correct screening raises for him (none for the hard negatives and for everyone left alone).
 *
 * @param entities the intelligence entities the plant consists of (empty when nothing was planted)
 */
public record Truth(String officerId, Category category, Set<FactorKind> expected, List<String> entities) {
    public Truth {
        expected = expected.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(expected));
        entities = List.copyOf(entities);
    }

    /** How an officer was planted; the hard negatives expect nothing. */
    public enum Category {
        /** A group member uses the officer's phone, written in another format. */
        SHARED_PHONE(FactorKind.IDENTIFIER, FactorKind.NETWORK),
        /** A group member's handset has the officer's IMEI, with spaces or without its check digit. */
        SHARED_IMEI(FactorKind.IDENTIFIER, FactorKind.NETWORK),
        /** A group member drives the officer's vehicle, plate written otherwise. */
        SHARED_VEHICLE(FactorKind.IDENTIFIER, FactorKind.NETWORK),
        /** A partner's record of the officer himself (other script or spelling, birth date, father) in a group. */
        OWN_RECORD(FactorKind.PERSON),
        /** The officer's phone talks to a member's phone: two hops from the member. */
        TWO_HOPS(FactorKind.IDENTIFIER, FactorKind.NETWORK),
        /** The officer's phone talks to a phone of a member's relative: three hops, too far for NETWORK. */
        THREE_HOPS(FactorKind.IDENTIFIER),
        /** An unattributed cryptophone's location events coincide with the officer's duty shifts. */
        COLOCATED(FactorKind.COLOCATION),
        /** He declared "no" to cryptophone use; a partner's lead names a cryptophone attributed to his phone (so his phone is in a lead too). */
        DENIED_CRYPTOPHONE(FactorKind.IDENTIFIER, FactorKind.CONTRADICTION),
        /** Hard negative: a member with his given name and surname, other father and birth date. */
        NAMESAKE,
        /** Hard negative: a member with his surname and father's name (a brother or sister), other given name. */
        SIBLING,
        /** Hard negative: a cryptophone in his town on his duty days, but kilometres from his post. */
        SAME_TOWN,
        /**
         * Hard negative for CONTRADICTION: a lead names his cryptophone, but he declared its use. The lead on his
         * phone is still an identifier hit the unit must see; nothing contradicts his declaration.
         */
        DECLARED_CRYPTOPHONE(FactorKind.IDENTIFIER),
        /** Left alone for the incremental-latency run, which plants a record for him then; not scored. */
        RESERVED,
        /** Everyone else. */
        CLEAN;

        private final Set<FactorKind> expected;

        Category(FactorKind... expected) {
            this.expected = expected.length == 0 ? Set.of() : Set.copyOf(EnumSet.of(expected[0], expected));
        }

        public Set<FactorKind> expected() {
            return expected;
        }

        public boolean hardNegative() {
            return this == NAMESAKE || this == SIBLING || this == SAME_TOWN;
        }
    }
}
