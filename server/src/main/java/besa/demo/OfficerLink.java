package besa.demo;

/**
 * Ground truth for vetting: how one officer of the personnel register appears in the intelligence.
 *
 * @param officerId the officer's personnel number in the personnel register (officers are not in the intelligence)
 * @param kind how the officer is connected
 * @param involved false for a namesake: same name as a group member, but not the officer
 * @param personId the intelligence Person the link runs through (the member, sibling, namesake, or
 *     the partner's record of the officer himself)
 * @param evidenceId the shared Phone, Device or Account entity in the intelligence; null for
 *     sibling and namesake
 * @param groupId the Organization of the group concerned
 */
public record OfficerLink(String officerId, Kind kind, boolean involved, String personId, String evidenceId, String groupId) {
    public enum Kind {
        /** A group member uses a phone number the officer registered as his own. */
        SHARED_PHONE,
        /** A group member's handset has the IMEI of the officer's handset. */
        SHARED_IMEI,
        /** A group member is the officer's sibling: same surname and father's name. */
        SIBLING,
        /**
         * Europol attributes a cryptophone account in contact with the group to the officer: its user
         * record is him (another script, same birth date), its location events coincide with his duty
         * shifts, and Europol's lead list names it although he declared no cryptophone use.
         */
        CRYPTO_ACCOUNT,
        /** A group member shares the officer's first and last name but is someone else. */
        NAMESAKE
    }
}
