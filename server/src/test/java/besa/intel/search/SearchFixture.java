package besa.intel.search;

import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import besa.match.normalize.Imeis;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Test data with a unique suffix (the test database is shared): an Albanian person and the values
 * the search box must find, in a police source (H0) and a partner source (H2).
 */
public final class SearchFixture {
    public final String run = UUID.randomUUID().toString().substring(0, 8);
    public final String police = "search-police-" + run, partner = "search-partner-" + run;
    public final String arben = "p-arben-" + run, arbenCela = "p-arbencela-" + run, ilir = "p-ilir-" + run,
            pjeter = "p-pjeter-" + run, partnerArben = "p-partner-" + run, phone = "ph-" + run, kosovoPhone = "phk-" + run,
            device = "dev-" + run, vehicle = "veh-" + run, bank = "bank-" + run, account = "acc-" + run;
    private final Random random = new Random(run.hashCode());
    public final String national = "69" + digits(7), kosovo = "44" + digits(6);
    public final String imei = Imeis.withCheckDigit("35" + digits(12));
    public final String plate = letters(2) + digits(3) + letters(2);
    public final String docNumber = "J" + digits(8) + "A";
    public final String iban = iban("AL", "2121100" + digits(1) + "0000000" + digits(9));
    public final String handle = "shqiponja" + digits(4);
    public final String email = "arben.hoxha." + run + "@example.al";

    public void save(IntelStore store) {
        store.saveSource(new Source(police, "Police records " + run, "ASP", "Law 108/2014"));
        store.saveSource(new Source(partner, "Partner extract " + run, "EUROPOL", "Europol Regulation art. 18"));
        Provenance p = provenance(police, Handling.H0), e = provenance(partner, Handling.H2);
        List<EntityRecord> r = new ArrayList<>();
        r.add(entity(arben, EntityType.Person, p, "name", "Arben Hoxha", "idNumber", docNumber, "email", email));
        r.add(entity(arbenCela, EntityType.Person, p, "name", "Arben Çela"));
        r.add(entity(ilir, EntityType.Person, p, "name", "Ilir Hoxha"));
        r.add(entity(pjeter, EntityType.Person, p, "name", "Pjetër Çela"));
        r.add(entity(partnerArben, EntityType.Person, e, "name", "Арбен Хоџа"));
        r.add(entity(phone, EntityType.Phone, p, "number", "+355" + national));
        r.add(entity(kosovoPhone, EntityType.Phone, p, "number", "+383" + kosovo));
        r.add(entity(device, EntityType.Device, p, "imei", imei));
        r.add(entity(vehicle, EntityType.Vehicle, p, "plate", plate));
        r.add(entity(bank, EntityType.BankAccount, p, "iban", iban));
        r.add(entity(account, EntityType.Account, p, "handle", handle));
        String uses = "uses-" + run;
        r.add(entity(uses, EntityType.Uses, p, "subject", arben, "object", phone));
        store.save(r);
    }

    private static Provenance provenance(String source, Handling h) {
        return new Provenance(source, "r1", source.startsWith("search-police") ? "ASP" : "EUROPOL", "test", null, null,
                Grading.parse("B2"), h, null);
    }

    /** Values are cleaned by their property type, as ingestion does. */
    private static EntityRecord entity(String id, EntityType type, Provenance p, String... propValues) {
        List<Statement> s = new ArrayList<>();
        for (int i = 0; i < propValues.length; i += 2) {
            String prop = propValues[i], raw = propValues[i + 1];
            s.add(new Statement(id, prop, type.propertyType(prop).orElseThrow().clean(raw), raw, p));
        }
        return new EntityRecord(id, type, s);
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append((char) ('0' + (i == 0 ? 1 + random.nextInt(9) : random.nextInt(10))));
        return b.toString();
    }

    private String letters(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append((char) ('A' + random.nextInt(26)));
        return b.toString();
    }

    /** An IBAN with valid check digits (ISO 13616: mod 97 of the rearranged digits is 1). */
    static String iban(String country, String bban) {
        String rearranged = bban + country + "00";
        StringBuilder digits = new StringBuilder();
        for (char c : rearranged.toCharArray()) digits.append(Character.digit(c, 36));
        int check = 98 - new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
        return country + String.format("%02d", check) + bban;
    }
}
