package besa.vetting.screening;

import besa.intel.model.EntityType;
import besa.vetting.personnel.Officer.IdentifierKind;
import java.util.List;

/**
 * The path of a network finding in plain words, Albanian and English: from the officer's identifier,
 * link by link, to the member and his group, e.g. "Numri +355 69… i oficerit ka komunikuar me numrin
 * +355 68…, që përdoret nga X, anëtar i grupit Y".
 */
final class NetworkSummary {
    /** One step: the link's type, whether the walk goes from its subject to its object, and the node reached. */
    record Step(String linkType, boolean forward, EntityType toType, String toCaption, Long count) {}

    private NetworkSummary() {}

    static String[] describe(IdentifierKind kind, String value, List<Step> steps, String group, int otherMembers) {
        StringBuilder sq = new StringBuilder(switch (kind) {
            case PHONE -> "Numri " + value + " i oficerit";
            case IMEI -> "Pajisja e oficerit (IMEI " + value + ")";
            case VEHICLE -> "Automjeti " + value + " i oficerit";
            case ADDRESS -> "Adresa " + value + " e oficerit";
        });
        StringBuilder en = new StringBuilder(switch (kind) {
            case PHONE -> "The officer's number " + value;
            case IMEI -> "The officer's device (IMEI " + value + ")";
            case VEHICLE -> "The officer's vehicle " + value;
            case ADDRESS -> "The officer's address " + value;
        });
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (i > 0) {
                sq.append(", që");
                en.append(steps.get(i - 1).toType() == EntityType.Person ? ", who" : ", which");
            }
            sq.append(' ').append(verbSq(s)).append(' ').append(nodeSq(s));
            en.append(' ').append(verbEn(s)).append(' ').append(nodeEn(s));
            if (s.count() != null && s.count() > 1) {
                sq.append(" (").append(s.count()).append(" herë)");
                en.append(" (").append(s.count()).append(" times)");
            }
        }
        sq.append(", anëtar i grupit ").append(group);
        en.append(", member of the group ").append(group);
        sq.append('.');
        en.append('.');
        if (otherMembers > 0) {
            sq.append(' ').append(otherMembers == 1 ? "Edhe një anëtar tjetër i grupit është" : "Edhe " + otherMembers + " anëtarë të tjerë të grupit janë")
                    .append(" brenda dy hapave.");
            en.append(' ').append(otherMembers == 1 ? "One more member of the group is" : otherMembers + " more members of the group are")
                    .append(" within two hops.");
        }
        return new String[] {sq.toString(), en.toString()};
    }

    private static String verbSq(Step s) {
        return switch (s.linkType()) {
            case "Communication" -> "ka komunikuar me";
            case "Uses" -> s.forward() ? "përdor" : "përdoret nga";
            case "Ownership" -> s.forward() ? "zotëron" : "është në pronësi të";
            case "Association" -> "është i lidhur me";
            case "Family" -> "është i afërm i";
            case "Payment" -> s.forward() ? "i ka paguar" : "ka marrë pagesë nga";
            default -> "është i lidhur (" + s.linkType() + ") me";
        };
    }

    private static String verbEn(Step s) {
        return switch (s.linkType()) {
            case "Communication" -> "communicated with";
            case "Uses" -> s.forward() ? "uses" : "is used by";
            case "Ownership" -> s.forward() ? "owns" : "is owned by";
            case "Association" -> "is associated with";
            case "Family" -> "is a relative of";
            case "Payment" -> s.forward() ? "paid" : "received a payment from";
            default -> "is linked (" + s.linkType() + ") to";
        };
    }

    private static String nodeSq(Step s) {
        String c = s.toCaption();
        return switch (s.toType()) {
            case Phone -> "numrin " + c;
            case Device -> "pajisjen " + c;
            case Account -> "llogarinë " + c;
            case Vehicle -> "automjetin " + c;
            case BankAccount -> "llogarinë bankare " + c;
            default -> c;
        };
    }

    private static String nodeEn(Step s) {
        String c = s.toCaption();
        return switch (s.toType()) {
            case Phone -> "the number " + c;
            case Device -> "the device " + c;
            case Account -> "the account " + c;
            case Vehicle -> "the vehicle " + c;
            case BankAccount -> "the bank account " + c;
            default -> c;
        };
    }
}
