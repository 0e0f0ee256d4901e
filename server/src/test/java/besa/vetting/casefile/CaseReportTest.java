package besa.vetting.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import besa.vetting.casefile.CaseFile.Decision;
import besa.vetting.casefile.CaseFile.Evidence;
import besa.vetting.casefile.CaseFile.PillarView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The PDF report alone, with DejaVu Sans (when the machine has it) and with the Helvetica fallback:
 * Albanian letters come out as written, a character the font lacks becomes "?" instead of failing,
 * long reports get page numbers on every page.
 */
class CaseReportTest {
    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        m.setBasenames("i18n/cases");
        m.setDefaultEncoding("UTF-8");
        m.setFallbackToSystemLocale(false);
        return m;
    }

    private static CaseFile caseFile(int evidence) {
        Instant t = Instant.parse("2026-11-23T10:15:00Z");
        List<Evidence> notes = java.util.stream.IntStream.range(0, evidence).mapToObj(i -> new Evidence(i, Pillar.ASSETS, EvidenceKind.NOTE, null,
                "Shënim " + i + " për pasurinë", "ab".repeat(32), 10, "vo", t)).toList();
        var summary = new CaseFile.Summary(7, "VET-2026-0007", "off-1", "Dritëro Çela 北京", "CLOSED", Outcome.PROSECUTOR, "vo", t);
        return new CaseFile(summary, null, List.of(new PillarView(Pillar.ASSETS, PillarFinding.CONCERN, "Arsyetim: çështje e ëmbël", "vo", t, notes),
                new PillarView(Pillar.BACKGROUND, null, null, null, null, List.of()), new PillarView(Pillar.PROFICIENCY, null, null, null, null, List.of())),
                List.of("vo"), List.of(new Decision(1, "OPEN", null, null, "arsye", "vo", t)), List.of(), "referim", "vo", t);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void albanianLettersSurviveInEitherFontAndUnknownCharactersDoNotFail(boolean dejavu) throws Exception {
        Path fonts = dejavu ? CaseReport.DEJAVU : Files.createTempDirectory("no-fonts");
        if (dejavu) org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(fonts.resolve("DejaVuSans.ttf")), "DejaVu Sans not installed");
        byte[] pdf = new CaseReport(messages(), fonts).render(caseFile(3), List.of(),
                new CaseExport.Meta("vo", Instant.parse("2026-11-24T08:00:00Z"), "Prokuroria e Posaçme", "referim"), "f".repeat(64), Locale.of("sq"));
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertThat(text).contains("Dritëro Çela", "Arsyetim: çështje e ëmbël", "Prokuroria e Posaçme", "f".repeat(64), "Faqja 1 nga 1",
                "Referim në prokurori");
        assertThat(text).doesNotContain("北京"); // neither font has these: replaced, not fatal
    }

    @Test
    void aLongReportIsNumberedOnEveryPage() throws Exception {
        byte[] pdf = new CaseReport(messages(), Files.createTempDirectory("no-fonts")).render(caseFile(120), List.of(),
                new CaseExport.Meta("vo", Instant.now(), "SPAK", "referral"), "0".repeat(64), Locale.ENGLISH);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int pages = doc.getNumberOfPages();
            assertThat(pages).isGreaterThan(2);
            PDFTextStripper last = new PDFTextStripper();
            last.setStartPage(pages);
            last.setEndPage(pages);
            assertThat(last.getText(doc)).contains("Page " + pages + " of " + pages);
        }
    }
}
