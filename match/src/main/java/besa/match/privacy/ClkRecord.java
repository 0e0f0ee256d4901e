package besa.match.privacy;

/** The quasi-identifiers a partner encodes for fuzzy cross-matching; any of them may be null or blank. */
public record ClkRecord(String givenName, String fatherName, String surname, String dateOfBirth) {}
