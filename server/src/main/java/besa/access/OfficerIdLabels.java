package besa.access;

/**
 * How the account trail names an officer id without showing it: the vetting module's pseudonyms
 * ({@code officer#…}), whose key the access module does not hold. Auditors may be vetted too, so no
 * raw id goes into the trail; the pseudonym lets the vetting unit follow changes of a link.
 */
public interface OfficerIdLabels {
    String label(String officerId);
}
