package besa.vetting.insider;

/** Why the watch flags a lookup; the weight is how strongly it alone points at a problem (0..1). */
public enum InsiderRule {
    /** A decoy record: no lookup of it is ever legitimate. */
    CANARY(1.0),
    /** An intelligence person that is the user's officer (name and date of birth, or his phone or device). */
    OWN_RECORD(0.6),
    /** A family relation of such a person. */
    FAMILY(0.5),
    /** An entity holding the officer's phone, device or address, or one relation away from one. */
    SHARED_IDENTIFIER(0.4),
    /** A target of an operation the user is not a member of. */
    OPERATION(0.5),
    /** Many more lookups in a day than his own history. */
    VOLUME(0.3),
    /** Lookups at hours he has not worked in his recent history. */
    HOURS(0.3);

    private final double weight;

    InsiderRule(double weight) {
        this.weight = weight;
    }

    public double weight() {
        return weight;
    }
}
