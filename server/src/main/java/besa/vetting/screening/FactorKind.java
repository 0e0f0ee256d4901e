package besa.vetting.screening;

/** The kinds of reasons an alert is raised (V90 {@code vetting_factor.kind}). */
public enum FactorKind {
    /** An officer's phone, IMEI, vehicle or address appears in intelligence. */
    IDENTIFIER,
    /** An intelligence person is (probably) the officer: names in any rendering, date of birth, father's name. */
    PERSON,
    /** An officer's identifier lies within two hops of a criminal group's member. */
    NETWORK,
    /** A cryptophone's location events repeatedly coincide with the officer's phone or duty. */
    COLOCATION,
    /** A self-declaration denies cryptophone use while a lead attributes one. */
    CONTRADICTION,
    /** The insider watch: a user's lookups in the audit trail. */
    INSIDER
}
