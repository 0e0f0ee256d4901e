package besa.demo;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Identifiers that look and check like the real ones. Numbers come from a counter through a fixed
 * bijection, so no two phones, devices, plates or bank accounts of a scenario collide by chance
 * (the ground truth depends on that); which counter value a thing gets is up to the generator.
 */
final class Identifiers {
    private Identifiers() {}

    /** Coprime to every modulus used here (not divisible by 2, 3, 5 or 13), so n -> n * M + B is a bijection. */
    private static final long M = 7_654_321L;

    /** A scramble of 0..modulus-1 onto itself, so consecutive counters do not give consecutive numbers. */
    static long permute(long n, long modulus) {
        if (n < 0 || n >= modulus) throw new IllegalStateException("identifier space exhausted: " + n + " of " + modulus);
        return Math.floorMod(n * M + 1_234_567L, modulus);
    }

    /** Albanian mobile number in E.164: +355 67/68/69 and seven digits. */
    static String albanianMobile(long n, SplittableRandom rnd) {
        String prefix = new String[] {"67", "68", "69", "69", "68", "69"}[rnd.nextInt(6)];
        return "+355" + prefix + String.format("%07d", permute(n, 10_000_000L));
    }

    /** Kosovo mobile number in E.164: +383 44/45/49 and six digits. */
    static String kosovoMobile(long n, SplittableRandom rnd) {
        String prefix = new String[] {"44", "45", "49"}[rnd.nextInt(3)];
        return "+383" + prefix + String.format("%06d", permute(n, 1_000_000L));
    }

    /** The number as people write it: +355 69 123 4567, 00355691234567, 069 123 4567, 69 123 4567, ... */
    static String writePhone(String e164, SplittableRandom rnd) {
        if (e164.startsWith("+383")) {
            String nat = e164.substring(4);
            return switch (rnd.nextInt(3)) {
                case 0 -> "+383 " + nat.substring(0, 2) + " " + nat.substring(2, 5) + " " + nat.substring(5);
                case 1 -> "00383 " + nat.substring(0, 2) + " " + nat.substring(2);
                default -> e164;
            };
        }
        String nat = e164.substring(4);
        String spaced = nat.substring(0, 2) + " " + nat.substring(2, 5) + " " + nat.substring(5);
        return switch (rnd.nextInt(7)) {
            case 0 -> "+355 " + spaced;
            case 1 -> "00355" + nat;
            case 2 -> "0" + spaced;
            case 3 -> spaced;
            case 4 -> e164;
            case 5 -> "0" + nat;
            default -> "+355 (0)" + spaced.replace(' ', '-');
        };
    }

    /** A 15-digit IMEI with its Luhn check digit; the 8-digit TAC from the handset list. */
    static String imei(long n, String[] tacs) {
        long v = permute(n, tacs.length * 1_000_000L);
        String core = tacs[(int) (v / 1_000_000L)] + String.format("%06d", v % 1_000_000L);
        return besa.match.normalize.Imeis.withCheckDigit(core);
    }

    /** The IMEI as records write it: 15 digits, 14 without the check digit, or grouped with dashes or spaces. */
    static String writeImei(String imei, SplittableRandom rnd) {
        return switch (rnd.nextInt(5)) {
            case 0, 1 -> imei;
            case 2 -> imei.substring(0, 14);
            case 3 -> imei.substring(0, 2) + "-" + imei.substring(2, 8) + "-" + imei.substring(8, 14) + "-" + imei.substring(14);
            default -> imei.substring(0, 8) + " " + imei.substring(8, 14) + " " + imei.substring(14);
        };
    }

    /**
     * An Albanian IBAN: AL, two check digits, the 8-digit bank code (bank, branch, national check
     * digit) and a 16-character account number, with the ISO 13616 mod-97 checksum.
     */
    static String iban(long n, String bankCode, SplittableRandom rnd) {
        String branch = bankCode + String.format("%04d", 1 + rnd.nextInt(9998));
        int[] weights = {9, 7, 3, 1, 9, 7, 3};
        int sum = 0;
        for (int i = 0; i < 7; i++) sum += (branch.charAt(i) - '0') * weights[i];
        String bban = branch + (10 - sum % 10) % 10 + String.format("%016d", permute(n, 10_000_000_000_000_000L));
        return "AL" + String.format("%02d", 98 - mod97(bban + "AL00")) + bban;
    }

    static int mod97(String s) {
        int mod = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 36);
            mod = d > 9 ? (mod * 100 + d) % 97 : (mod * 10 + d) % 97;
        }
        return mod;
    }

    static String writeIban(String iban, SplittableRandom rnd) {
        if (rnd.nextBoolean()) return iban;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            if (i > 0) b.append(' ');
            b.append(iban, i, Math.min(i + 4, iban.length()));
        }
        return b.toString();
    }

    /** An Albanian plate, "AA 123 BB". */
    static String plate(long n) {
        long v = permute(n, 26L * 26 * 26 * 26 * 1000);
        int digits = (int) (v % 1000);
        long letters = v / 1000;
        char[] l = new char[4];
        for (int i = 3; i >= 0; i--) {
            l[i] = (char) ('A' + letters % 26);
            letters /= 26;
        }
        return "" + l[0] + l[1] + " " + String.format("%03d", digits) + " " + l[2] + l[3];
    }

    /** A Sky ECC style device ID: six upper-case letters and digits. */
    static String skyId(long n) {
        String s = Long.toString(permute(n, 2_176_782_336L), 36).toUpperCase();
        return "0".repeat(6 - s.length()) + s;
    }

    /** Albanian personal number: decade letter, year digit, month (+50 for women), day, serial, check letter. */
    static String personalNumber(LocalDate birth, char gender, SplittableRandom rnd) {
        char decade = (char) ('A' + (birth.getYear() - 1900) / 10);
        int month = birth.getMonthValue() + (gender == 'F' ? 50 : 0);
        String body = "" + decade + birth.getYear() % 10 + String.format("%02d%02d%03d", month, birth.getDayOfMonth(), rnd.nextInt(1000));
        return body + (char) ('A' + Math.floorMod(body.hashCode(), 23));
    }
}
