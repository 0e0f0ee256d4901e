package besa.vetting;

/**
 * The only question other modules (operations, training) may ask about vetting: may this officer be
 * assigned? The answer is yes or no and says nothing about why, nor whether a case or alert exists.
 */
public interface Assignability {
    /** False while the officer has an open vetting case or a closed one with an adverse outcome; true otherwise. */
    boolean mayBeAssigned(String officerId);
}
