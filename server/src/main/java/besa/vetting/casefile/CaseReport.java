package besa.vetting.casefile;

import besa.vetting.casefile.CaseFile.AlertDecision;
import besa.vetting.casefile.CaseFile.Decision;
import besa.vetting.casefile.CaseFile.Evidence;
import besa.vetting.casefile.CaseFile.PillarView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The export's PDF report: the case in the exporter's language (Albanian or English), with the hash
 * of every record and of the manifest, and "page n of m" on every page. Text is set in DejaVu Sans
 * when the system has it (Debian {@code fonts-dejavu-core}), else in Helvetica, whose WinAnsi
 * encoding still covers Albanian (ë, ç); a character the font cannot show becomes "?" rather than
 * failing the export.
 */
@Component
class CaseReport {
    static final Path DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final float MARGIN = 50;
    private static final float SIZE = 10;
    private static final float LEADING = 13.5f;

    private final MessageSource messages;
    private final Path fonts;

    @org.springframework.beans.factory.annotation.Autowired
    CaseReport(MessageSource messages) {
        this(messages, DEJAVU);
    }

    /** With the folder to take DejaVu Sans from (a folder without it means Helvetica). */
    CaseReport(MessageSource messages, Path fonts) {
        this.messages = messages;
        this.fonts = fonts;
    }

    byte[] render(CaseFile c, List<CaseExport.Entry> records, CaseExport.Meta meta, String manifestHash, Locale locale) {
        try (PDDocument doc = new PDDocument()) {
            Pen pen = new Pen(doc, font(doc, fonts.resolve("DejaVuSans.ttf"), Standard14Fonts.FontName.HELVETICA),
                    font(doc, fonts.resolve("DejaVuSans-Bold.ttf"), Standard14Fonts.FontName.HELVETICA_BOLD));
            doc.getDocumentInformation().setTitle(c.summary().reference());
            doc.getDocumentInformation().setAuthor(meta.exportedBy());
            var s = c.summary();
            pen.text(pen.bold, 16, m(locale, "cases.pdf.title", s.reference()));
            pen.gap();
            pen.field(m(locale, "cases.pdf.officer"), s.officerName() + " (" + s.officerId() + ")");
            if (c.officer() != null) {
                var o = c.officer();
                pen.field(m(locale, "cases.pdf.officerDetails"), join(o.birthDate(), o.unit(), o.rank()));
            }
            pen.field(m(locale, "cases.pdf.status"), m(locale, "cases.status." + s.status())
                    + (s.outcome() == null ? "" : " · " + m(locale, "cases.outcome." + s.outcome().name())));
            pen.field(m(locale, "cases.pdf.opened"), time(s.openedAt()) + " · " + s.openedBy());
            pen.field(m(locale, "cases.pdf.members"), String.join(", ", c.members()));

            Map<Long, CaseExport.Entry> byEvidence = new HashMap<>();
            records.forEach(r -> byEvidence.put(r.evidenceId(), r));
            for (PillarView p : c.pillars()) {
                pen.gap();
                pen.text(pen.bold, 13, m(locale, "cases.pillar." + p.pillar().name()));
                pen.field(m(locale, "cases.pdf.finding"), p.finding() == null ? m(locale, "cases.pdf.noFinding")
                        : m(locale, "cases.finding." + p.finding().name()) + " · " + p.decidedBy() + " · " + time(p.decidedAt()));
                if (p.reasoning() != null) pen.field(m(locale, "cases.pdf.reasoning"), p.reasoning());
                pen.text(pen.bold, SIZE, m(locale, "cases.pdf.evidence", p.evidence().size()));
                for (Evidence e : p.evidence()) {
                    CaseExport.Entry r = byEvidence.get(e.id());
                    pen.text(pen.regular, SIZE, "• " + m(locale, "cases.evidence.kind." + e.kind().name()) + ": " + e.title()
                            + " · " + e.addedBy() + " · " + time(e.addedAt()));
                    pen.text(pen.regular, 8, "   " + (r == null ? "" : r.path()) + "  SHA-256 " + e.sha256());
                }
            }
            pen.gap();
            pen.text(pen.bold, 13, m(locale, "cases.pdf.decisions"));
            for (Decision d : c.decisions()) {
                pen.text(pen.regular, SIZE, "• " + time(d.decidedAt()) + " · " + d.decidedBy() + " · " + m(locale, "cases.decision." + d.kind())
                        + (d.pillar() == null ? "" : " " + m(locale, "cases.pillar." + d.pillar().name()))
                        + (d.verdict() == null ? "" : ": " + d.verdict()) + " — " + d.reason());
            }
            for (AlertDecision d : c.alertDecisions()) {
                pen.text(pen.regular, SIZE, "• " + time(d.decidedAt()) + " · " + d.decidedBy() + " · " + m(locale, "cases.pdf.alertDecision", d.alertId())
                        + ": " + d.verdict() + (d.factorKey() == null ? "" : " (" + d.factorKey() + ")") + " — " + d.reason());
            }
            pen.gap();
            pen.text(pen.bold, 13, m(locale, "cases.pdf.outcome"));
            pen.text(pen.regular, SIZE, s.outcome() == null ? m(locale, "cases.pdf.noOutcome")
                    : m(locale, "cases.outcome." + s.outcome().name()) + " · " + c.closedBy() + " · " + time(c.closedAt()) + " — " + c.outcomeReason());
            pen.gap();
            pen.text(pen.bold, 13, m(locale, "cases.pdf.export"));
            pen.field(m(locale, "cases.pdf.exportedBy"), meta.exportedBy() + " · " + time(meta.exportedAt()));
            pen.field(m(locale, "cases.pdf.recipient"), meta.recipient());
            pen.field(m(locale, "cases.pdf.reason"), meta.reason());
            pen.field(m(locale, "cases.pdf.manifest"), manifestHash);
            pen.text(pen.regular, 8, m(locale, "cases.pdf.verify"));
            pen.finish(m(locale, "cases.pdf.page"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String m(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    private static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    private static String join(String... parts) {
        return String.join(" · ", java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList());
    }

    private static PDFont font(PDDocument doc, Path ttf, Standard14Fonts.FontName fallback) throws IOException {
        if (Files.isReadable(ttf)) return PDType0Font.load(doc, ttf.toFile());
        return new PDType1Font(fallback);
    }

    /** Writes lines down the pages, wrapping at the margin and starting a new page at the bottom. */
    private static final class Pen {
        final PDDocument doc;
        final PDFont regular;
        final PDFont bold;
        final Map<PDFont, Map<Integer, Boolean>> encodable = new HashMap<>();
        PDPageContentStream out;
        float y;

        Pen(PDDocument doc, PDFont regular, PDFont bold) throws IOException {
            this.doc = doc;
            this.regular = regular;
            this.bold = bold;
            page();
        }

        void page() throws IOException {
            if (out != null) out.close();
            PDPage p = new PDPage(PDRectangle.A4);
            doc.addPage(p);
            out = new PDPageContentStream(doc, p);
            y = p.getMediaBox().getHeight() - MARGIN;
        }

        void gap() {
            y -= LEADING / 2;
        }

        void field(String label, String value) throws IOException {
            text(regular, SIZE, label + ": " + (value == null ? "" : value));
        }

        void text(PDFont font, float size, String text) throws IOException {
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            for (String line : wrap(font, size, clean(font, text), width)) {
                float leading = Math.max(LEADING, size * 1.35f);
                if (y - leading < MARGIN + 20) page();
                y -= leading;
                out.beginText();
                out.setFont(font, size);
                out.newLineAtOffset(MARGIN, y);
                out.showText(line);
                out.endText();
            }
        }

        /** "page n of m" at the foot of every page, once the number of pages is known. */
        void finish(String pattern) throws IOException {
            out.close();
            int total = doc.getNumberOfPages();
            for (int i = 0; i < total; i++) {
                PDPage p = doc.getPage(i);
                try (PDPageContentStream foot = new PDPageContentStream(doc, p, PDPageContentStream.AppendMode.APPEND, true, true)) {
                    foot.beginText();
                    foot.setFont(regular, 8);
                    foot.newLineAtOffset(MARGIN, MARGIN / 2);
                    foot.showText(clean(regular, java.text.MessageFormat.format(pattern, i + 1, total)));
                    foot.endText();
                }
            }
        }

        private List<String> wrap(PDFont font, float size, String text, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(font, size, candidate) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) lines.add(line.toString());
                line.setLength(0);
                // A word wider than the line (a long id) is cut where it reaches the margin.
                String rest = word;
                while (width(font, size, rest) > width) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && width(font, size, rest.substring(0, cut)) > width) cut--;
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            if (!line.isEmpty() || lines.isEmpty()) lines.add(line.toString());
            return lines;
        }

        private static float width(PDFont font, float size, String s) throws IOException {
            return font.getStringWidth(s) / 1000 * size;
        }

        /** One line of printable text the font can encode; anything else becomes "?". */
        private String clean(PDFont font, String text) {
            Map<Integer, Boolean> known = encodable.computeIfAbsent(font, f -> new HashMap<>());
            StringBuilder b = new StringBuilder();
            text.replaceAll("\\s+", " ").codePoints().forEach(cp -> {
                boolean ok = known.computeIfAbsent(cp, c -> {
                    try {
                        font.encode(new String(Character.toChars(c)));
                        return !Character.isISOControl(c);
                    } catch (IllegalArgumentException | IOException | UnsupportedOperationException e) {
                        return false;
                    }
                });
                if (ok) b.appendCodePoint(cp);
                else b.append('?');
            });
            return b.toString();
        }
    }
}
