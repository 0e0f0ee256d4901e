package besa.vetting.screening;

import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import besa.vetting.personnel.Officer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Intelligence and officers for the network and co-location tests, independent of any generator:
 * entities go in through {@link IntelStore#save} with values cleaned by their property types, as
 * ingestion cleans them. Every id and number carries a run-specific part (the test database is shared).
 */
final class ScreeningIntelFixture {
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String source = "net-test-" + run;
    private final Random random = new Random(run.hashCode());
    private final List<EntityRecord> pending = new ArrayList<>();
    private int seq;

    ScreeningIntelFixture(IntelStore store) {
        store.saveSource(new Source(source, "Screening test " + run, "EUROPOL", "Europol Regulation art. 18"));
    }

    /** A fresh Albanian mobile number, E.164. */
    String number() {
        StringBuilder b = new StringBuilder("+35569");
        for (int i = 0; i < 7; i++) b.append(random.nextInt(10));
        return b.toString();
    }

    String id(String prefix) {
        return prefix + "-" + run + "-" + (++seq);
    }

    String phone(String number) {
        return entity(EntityType.Phone, Handling.H1, "number", number);
    }

    String person(String name) {
        return entity(EntityType.Person, Handling.H1, "name", name);
    }

    String group(String name) {
        return entity(EntityType.Organization, Handling.H1, "name", name);
    }

    String account(String handle, String service) {
        return entity(EntityType.Account, Handling.H1, "handle", handle, "service", service);
    }

    String place(String name) {
        return entity(EntityType.Address, Handling.H1, "full", name);
    }

    String relation(EntityType type, String subject, String object, String... props) {
        return relation(type, Handling.H1, subject, object, props);
    }

    String relation(EntityType type, Handling h, String subject, String object, String... props) {
        String[] all = new String[props.length + 4];
        all[0] = "subject";
        all[1] = subject;
        all[2] = "object";
        all[3] = object;
        System.arraycopy(props, 0, all, 4, props.length);
        return entity(type, h, all);
    }

    /** A location event with a time (any form DATETIME accepts) and coordinates. */
    String locatedAt(String subject, String place, String time, double lat, double lon) {
        return relation(EntityType.LocatedAt, subject, place, "time", time, "latitude", Double.toString(lat), "longitude", Double.toString(lon));
    }

    /** An entity whose statements are all held at handling code {@code h}; values cleaned by their types. */
    String entity(EntityType type, Handling h, String... propValues) {
        String id = id(type.name().toLowerCase());
        Provenance p = new Provenance(source, "r-" + id, "EUROPOL", "Europol Regulation art. 18", null, null, Grading.parse("B2"), h, null);
        List<Statement> s = new ArrayList<>();
        for (int i = 0; i < propValues.length; i += 2) {
            String prop = propValues[i], raw = propValues[i + 1];
            s.add(new Statement(id, prop, type.propertyType(prop).orElseThrow().clean(raw), raw, p));
        }
        pending.add(new EntityRecord(id, type, s));
        return id;
    }

    /** Writes what was added since the last save. */
    void save(IntelStore store) {
        store.save(List.copyOf(pending));
        pending.clear();
    }

    /** An officer with these phone numbers and duty postings. */
    Officer officer(String name, List<String> phones, List<Officer.Duty> duties) {
        List<Officer.Identifier> ids = phones.stream()
                .map(n -> new Officer.Identifier(Officer.IdentifierKind.PHONE, n, n, Officer.Origin.ISSUED)).toList();
        return new Officer(id("off"), name, "Ali", "Test" + run, "1980-01-01", "DPP Tiranë", "Inspektor", true, ids, duties, List.of());
    }

    static Officer.Duty duty(String place, Instant from, Instant to, double lat, double lon) {
        return new Officer.Duty(from, to, "Komisariati", place, lat, lon);
    }
}
