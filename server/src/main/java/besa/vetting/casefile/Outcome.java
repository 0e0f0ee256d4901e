package besa.vetting.casefile;

/** How a case ends: cleared, disciplinary proceedings, or referral to the prosecutor. */
public enum Outcome {
    CLEARED, DISCIPLINARY, PROSECUTOR;

    /** Whether the officer may not be assigned while this is his last case's outcome. */
    public boolean adverse() {
        return this != CLEARED;
    }
}
