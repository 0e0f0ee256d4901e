package besa.vetting.screening;

/** Plain words for the findings' summaries, in Albanian and English. */
final class Words {
    private Words() {}

    /** "His issued phone", "Telefoni i tij i dhënë nga policia". */
    static String ownEn(String kind, String origin) {
        String what = switch (kind) {
            case "PHONE" -> "phone";
            case "IMEI" -> "device (IMEI)";
            case "VEHICLE" -> "vehicle";
            case "ADDRESS" -> "address";
            default -> kind.toLowerCase(java.util.Locale.ROOT);
        };
        String how = switch (origin) {
            case "ISSUED" -> "issued ";
            case "DECLARED" -> "declared ";
            default -> "";
        };
        return "The officer's " + how + what;
    }

    static String ownSq(String kind, String origin) {
        String what = switch (kind) {
            case "PHONE" -> "Telefoni";
            case "IMEI" -> "Pajisja (IMEI)";
            case "VEHICLE" -> "Automjeti";
            case "ADDRESS" -> "Adresa";
            default -> kind;
        };
        boolean feminine = kind.equals("IMEI") || kind.equals("ADDRESS");
        String how = switch (origin) {
            case "ISSUED" -> feminine ? " e dhënë nga policia" : " i dhënë nga policia";
            case "DECLARED" -> feminine ? " e deklaruar" : " i deklaruar";
            default -> "";
        };
        return what + (feminine ? " e oficerit" : " i oficerit") + how;
    }
}
