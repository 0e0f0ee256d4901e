package besa.demo;

import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.store.Source;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The datasets of the scenario and how each one grades and restricts what it supplies: the police's
 * own intelligence and personnel register, Europol's cryptophone-derived dataset, the Turkish
 * National Police and the Special Prosecution Office (SPAK).
 */
public enum DemoSources {
    ASP_INTEL("demo-asp-intel", "Policia e Shtetit: baza e të dhënave të inteligjencës kriminale", "ASP",
            "Ligji nr. 108/2014 \"Për Policinë e Shtetit\"", new String[] {"B2", "B2", "A2", "B3", "C3", "A1", "C4", "X4"},
            new Handling[] {Handling.H0, Handling.H0, Handling.H1}),
    ASP_PERSONNEL("demo-asp-personnel", "Policia e Shtetit: regjistri i personelit", "ASP",
            "Ligji nr. 108/2014 \"Për Policinë e Shtetit\" (regjistri i personelit)", new String[] {"A1"},
            new Handling[] {Handling.H1}),
    EUROPOL_CRYPTO("demo-europol-crypto", "Europol: dataset derived from Sky ECC and EncroChat", "EUROPOL",
            "Regulation (EU) 2016/794; Operational Agreement Albania-Europol (2013)", new String[] {"B2", "B1", "A2", "B3", "C2"},
            new Handling[] {Handling.H2, Handling.H2, Handling.H3}),
    TNP("demo-tnp", "Emniyet Genel Müdürlüğü (Turkish National Police): police-to-police exchange", "TNP",
            "Agreement between Albania and Türkiye on police cooperation", new String[] {"B2", "B3", "C3", "X3"},
            new Handling[] {Handling.H2, Handling.H3}),
    SPAK("demo-spak", "Prokuroria e Posaçme (SPAK): procedim penal", "SPAK",
            "Ligji nr. 95/2016; Kodi i Procedurës Penale", new String[] {"A1", "A2", "B2"},
            new Handling[] {Handling.H1, Handling.H3});

    private final String id;
    private final String title;
    private final String originator;
    private final String legalBasis;
    private final String[] gradings;
    private final Handling[] handlings;

    DemoSources(String id, String title, String originator, String legalBasis, String[] gradings, Handling[] handlings) {
        this.id = id;
        this.title = title;
        this.originator = originator;
        this.legalBasis = legalBasis;
        this.gradings = gradings;
        this.handlings = handlings;
    }

    public String id() {
        return id;
    }

    public Source source() {
        return new Source(id, title, originator, legalBasis);
    }

    public static List<Source> all() {
        return java.util.Arrays.stream(values()).map(DemoSources::source).toList();
    }

    /** Provenance of one record: first/last seen as given; review due three years after last seen. */
    Provenance provenance(String recordKey, LocalDate firstSeen, LocalDate lastSeen, SplittableRandom rnd) {
        Grading g = Grading.parse(gradings[rnd.nextInt(gradings.length)]);
        Handling h = handlings[rnd.nextInt(handlings.length)];
        return new Provenance(id, recordKey, originator, legalBasis, firstSeen, lastSeen, g, h, lastSeen.plusYears(3));
    }
}
